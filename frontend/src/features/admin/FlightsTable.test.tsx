import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { json, mockFetch, renderApp } from "../../test/render";
import type { FlightPublic, FlightUpdate } from "../../types/index";
import FlightsTable from "./FlightsTable";

// 18:00 in New York, 07:30 the next morning in Paris: the API gives each time at its airport.
const FLIGHT: FlightPublic = {
  id: "5f0c2a9e-2222-4b7a-9d5e-000000000001",
  flight_number: "AF23",
  source: "JFK",
  destination: "CDG",
  departure_ts: "2027-03-01T18:00:00-05:00",
  arrival_ts: "2027-03-02T07:30:00+01:00",
  departure_tz: "America/New_York",
  arrival_tz: "Europe/Paris",
  total_seats: 200,
  available_seats: 150,
  seats_sold_outside: 20,
  price: "499.99",
  currency: "EUR",
  status: "SCHEDULED",
  version: 1,
  created_at: "2027-01-01T00:00:00Z",
  updated_at: "2027-01-01T00:00:00Z",
};

describe("FlightsTable", () => {
  it("edits a flight's local times at once, without looking up the airports' zones", async () => {
    const sent: FlightUpdate[] = [];
    const fetchMock = mockFetch({
      "GET /admin/flights": () => json({ data: [FLIGHT], count: 1, page: 1, page_size: 20 }),
      [`PATCH /admin/flights/${FLIGHT.id}`]: async (request) => {
        sent.push((await request.json()) as FlightUpdate);
        return json(FLIGHT);
      },
    });
    renderApp(<FlightsTable />, { route: "/admin" });
    const row = await screen.findByRole("rowgroup", { name: "AF23 JFK to CDG" });
    const cells = within(row).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells.slice(0, 5)).toEqual([
      "JFK",
      "2027-03-01 18:00EST, UTC−5",
      "CDG",
      "2027-03-02 07:30CET, UTC+1",
      "150 of 20020 sold elsewhere",
    ]);

    await userEvent.click(within(row).getByRole("button", { name: "Edit" }));
    const departure = within(row).getByLabelText("Departure (local time)");
    const arrival = within(row).getByLabelText("Arrival (local time)");
    expect(departure).toHaveValue("2027-03-01T18:00");
    expect(arrival).toHaveValue("2027-03-02T07:30");

    // A month later both airports are on summer time: the offsets are each zone's on the new day.
    await userEvent.clear(departure);
    await userEvent.type(departure, "2027-04-01T18:00");
    await userEvent.clear(arrival);
    await userEvent.type(arrival, "2027-04-02T07:30");
    await userEvent.click(within(row).getByRole("button", { name: "Save changes" }));
    await waitFor(() => {
      expect(sent).toEqual([{ departure_ts: "2027-04-01T18:00:00-04:00", arrival_ts: "2027-04-02T07:30:00+02:00" }]);
    });
    const asked = fetchMock.mock.calls.map(([request]) => new URL(request.url).pathname);
    expect(asked).not.toContain("/api/v1/airports");
  });

  it("saves an untouched flight's times unchanged, sending only what was edited", async () => {
    const sent: FlightUpdate[] = [];
    mockFetch({
      "GET /admin/flights": () => json({ data: [FLIGHT], count: 1, page: 1, page_size: 20 }),
      [`PATCH /admin/flights/${FLIGHT.id}`]: async (request) => {
        sent.push((await request.json()) as FlightUpdate);
        return json(FLIGHT);
      },
    });
    renderApp(<FlightsTable />, { route: "/admin" });
    const row = await screen.findByRole("rowgroup", { name: "AF23 JFK to CDG" });
    await userEvent.click(within(row).getByRole("button", { name: "Edit" }));
    const price = within(row).getByRole("textbox", { name: "Price per seat" });
    expect(price).toHaveAccessibleDescription("In EUR");
    await userEvent.clear(price);
    await userEvent.type(price, "450");
    await userEvent.click(within(row).getByRole("button", { name: "Save changes" }));
    await waitFor(() => {
      expect(sent).toEqual([{ price: "450" }]);
    });
  });

  it("filters by departure days and lists the latest first, in the URL and the API's query", async () => {
    const asked: URLSearchParams[] = [];
    mockFetch({
      "GET /admin/flights": (_request, url) => {
        asked.push(url.searchParams);
        return json({ data: [FLIGHT], count: 1, page: 1, page_size: 20 });
      },
    });
    renderApp(<FlightsTable />, { route: "/admin" });
    await screen.findByRole("rowgroup", { name: "AF23 JFK to CDG" });
    await userEvent.type(screen.getByLabelText("Departing from"), "2027-03-01");
    await userEvent.type(screen.getByLabelText("Departing until"), "2027-03-31");
    await userEvent.selectOptions(screen.getByLabelText("Order"), "Latest first");
    await userEvent.click(screen.getByRole("button", { name: "Filter" }));
    await waitFor(() => {
      expect(screen.getByTestId("location")).toHaveTextContent(
        "/admin?departs_from=2027-03-01&departs_until=2027-03-31&sort=-departure",
      );
    });
    await waitFor(() => {
      expect(Object.fromEntries(asked.at(-1) ?? [])).toMatchObject({
        departs_from: "2027-03-01",
        departs_until: "2027-03-31",
        sort: "-departure",
      });
    });
  });

  it("orders by local departure from the column header, which says how it is sorted", async () => {
    const asked: (string | null)[] = [];
    mockFetch({
      "GET /admin/flights": (_request, url) => {
        asked.push(url.searchParams.get("sort"));
        return json({ data: [FLIGHT], count: 1, page: 1, page_size: 20 });
      },
    });
    renderApp(<FlightsTable />, { route: "/admin?page=3" });
    await screen.findByRole("rowgroup", { name: "AF23 JFK to CDG" });
    const header = screen.getByRole("columnheader", { name: /Departs \(local\)/ });
    expect(header).toHaveAttribute("aria-sort", "ascending");
    await userEvent.click(within(header).getByRole("button"));
    await waitFor(() => {
      expect(screen.getByTestId("location")).toHaveTextContent("/admin?sort=-departure");
    });
    expect(header).toHaveAttribute("aria-sort", "descending");
    expect(asked.at(-1)).toBe("-departure");
    await userEvent.click(within(header).getByRole("button"));
    await waitFor(() => {
      expect(header).toHaveAttribute("aria-sort", "ascending");
    });
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/admin$/);
  });

  it("moves the focus into the edit form and the cancel question, and back to their button", async () => {
    mockFetch({ "GET /admin/flights": () => json({ data: [FLIGHT], count: 1, page: 1, page_size: 20 }) });
    renderApp(<FlightsTable />, { route: "/admin" });
    const row = await screen.findByRole("rowgroup", { name: "AF23 JFK to CDG" });
    await userEvent.click(within(row).getByRole("button", { name: "Edit" }));
    expect(within(row).getByRole("textbox", { name: "Price per seat" })).toHaveFocus();
    await userEvent.click(within(row).getByRole("button", { name: "Close" }));
    expect(within(row).getByRole("button", { name: "Edit" })).toHaveFocus();

    await userEvent.click(within(row).getByRole("button", { name: "Cancel flight" }));
    expect(within(row).getByRole("alertdialog", { name: "Cancel AF23?" })).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(within(row).queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(within(row).getByRole("button", { name: "Cancel flight" })).toHaveFocus();
  });
});
