import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { json, mockFetch, renderApp, type Handler } from "../../test/render";
import type { AdminBooking, AdminBookings } from "../../types/index";
import BookingsTable from "./BookingsTable";

const FLIGHT = {
  id: "f-jfk",
  flight_number: "BA117",
  source: "JFK",
  destination: "LHR",
  departure_ts: "2027-07-01T08:00:00-04:00",
  arrival_ts: "2027-07-01T21:00:00+01:00",
};

function booking(changes: Partial<AdminBooking>): AdminBooking {
  return {
    id: "b-1",
    status: "CONFIRMED",
    seats: 2,
    unit_price: "120.50",
    currency: "EUR",
    total_price: "241.00",
    failure_reason: null,
    flight: FLIGHT,
    cancel_requested_at: null,
    created_at: "2027-06-01T10:00:00+00:00",
    updated_at: "2027-06-01T10:00:00+00:00",
    decided_at: "2027-06-01T10:00:00+00:00",
    user_id: "u-1",
    username: "alice",
    ...changes,
  };
}

function page(data: AdminBooking[], count = data.length, pageNumber = 1): AdminBookings {
  return { data, count, page: pageNumber, page_size: 20 };
}

/** Answers GET /admin/bookings with `answer` and records what each call asked for. */
function answering(answer: (url: URL) => Response) {
  const asked: Record<string, string>[] = [];
  const handler: Handler = (_request, url) => {
    asked.push(Object.fromEntries(url.searchParams));
    return answer(url);
  };
  mockFetch({ "GET /admin/bookings": handler });
  return asked;
}

describe("BookingsTable", () => {
  it("lists every traveller's bookings with flight, local departure, price and the reason", async () => {
    const asked = answering(() =>
      json(
        page([
          booking({}),
          booking({ id: "b-2", username: "bob", status: "FAILED", seats: 1, total_price: "120.50", failure_reason: "sold out" }),
        ]),
      ),
    );
    renderApp(<BookingsTable />, { route: "/admin/bookings" });
    const table = await screen.findByRole("table", { name: "Bookings" });
    const [, alice, bob] = within(table).getAllByRole("row");
    if (alice === undefined || bob === undefined) throw new Error("two rows expected");
    expect(alice).toHaveTextContent("alice");
    expect(alice).toHaveTextContent("BA117 JFK → LHR");
    expect(within(alice).getByText(/08:00/)).toBeInTheDocument(); // New York time, not the reader's
    expect(within(alice).getByText("UTC−4")).toBeInTheDocument();
    expect(alice).toHaveTextContent("2 × €120.50");
    expect(alice).toHaveTextContent("€241.00");
    expect(alice).toHaveTextContent("Confirmed");
    expect(alice).toHaveTextContent("b-1");
    expect(bob).toHaveTextContent("Failed");
    expect(bob).toHaveTextContent("sold out");
    expect(screen.getByText("2 bookings")).toBeInTheDocument();
    expect(asked).toEqual([{ page: "1", page_size: "20" }]);
  });

  it("filters by status and traveller through the URL", async () => {
    const asked = answering(() => json(page([booking({})])));
    renderApp(<BookingsTable />, { route: "/admin/bookings" });
    await screen.findByRole("table", { name: "Bookings" });
    await userEvent.selectOptions(screen.getByLabelText("Status"), "Failed");
    await userEvent.type(screen.getByLabelText("Traveller (username)"), "  Alice ");
    await userEvent.click(screen.getByRole("button", { name: "Filter" }));
    expect(screen.getByTestId("location")).toHaveTextContent("/admin/bookings?status=FAILED&username=Alice");
    await screen.findByRole("table", { name: "Bookings" });
    expect(asked.at(-1)).toEqual({ page: "1", page_size: "20", status: "FAILED", username: "Alice" });
  });

  it("shows one flight's bookings, keeps that filter with the others, and can drop it", async () => {
    const asked = answering(() => json(page([booking({})])));
    renderApp(<BookingsTable />, { route: "/admin/bookings?flight_id=f-jfk" });
    expect(await screen.findByText(/On flight BA117 JFK → LHR/)).toBeInTheDocument();
    expect(asked.at(-1)).toEqual({ page: "1", page_size: "20", flight_id: "f-jfk" });

    await userEvent.selectOptions(screen.getByLabelText("Status"), "Confirmed");
    await userEvent.click(screen.getByRole("button", { name: "Filter" }));
    expect(screen.getByTestId("location")).toHaveTextContent("/admin/bookings?flight_id=f-jfk&status=CONFIRMED");

    await userEvent.click(await screen.findByRole("link", { name: "Bookings on every flight" }));
    expect(screen.getByTestId("location")).toHaveTextContent("/admin/bookings?status=CONFIRMED");
    await screen.findByRole("table", { name: "Bookings" });
    expect(asked.at(-1)).toEqual({ page: "1", page_size: "20", status: "CONFIRMED" });
  });

  it("filters by a row's flight from its flight number", async () => {
    const asked = answering(() => json(page([booking({})])));
    renderApp(<BookingsTable />, { route: "/admin/bookings?page=2" });
    await userEvent.click(await screen.findByRole("link", { name: "BA117" }));
    expect(screen.getByTestId("location")).toHaveTextContent("/admin/bookings?flight_id=f-jfk");
    await screen.findByText(/On flight BA117/);
    expect(asked.at(-1)).toEqual({ page: "1", page_size: "20", flight_id: "f-jfk" });
  });

  it("pages through the bookings", async () => {
    const asked = answering((url) => json(page([booking({ id: `b-p${url.searchParams.get("page") ?? ""}` })], 45)));
    renderApp(<BookingsTable />, { route: "/admin/bookings?status=PENDING" });
    const pager = await screen.findByRole("navigation", { name: "Booking pages" });
    expect(pager).toHaveTextContent("Page 1 of 3");
    await userEvent.click(within(pager).getByRole("button", { name: "Next" }));
    expect(await screen.findByText("b-p2")).toBeInTheDocument();
    expect(pager).toHaveTextContent("Page 2 of 3");
    expect(screen.getByTestId("location")).toHaveTextContent("/admin/bookings?status=PENDING&page=2");
    expect(asked.at(-1)).toEqual({ page: "2", page_size: "20", status: "PENDING" });
  });

  it("says so when nothing matches", async () => {
    answering(() => json(page([])));
    renderApp(<BookingsTable />, { route: "/admin/bookings?username=nobody" });
    expect(await screen.findByText("No bookings match.")).toBeInTheDocument();
  });

  it("says what went wrong and tries again on request", async () => {
    let calls = 0;
    answering(() => {
      calls += 1;
      return calls === 1 ? json({ detail: "the database is restarting" }, 503) : json(page([booking({})]));
    });
    renderApp(<BookingsTable />, { route: "/admin/bookings" });
    expect(await screen.findByRole("alert")).toHaveTextContent("The bookings could not be loaded: The database is restarting");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("table", { name: "Bookings" })).toBeInTheDocument();
  });
});
