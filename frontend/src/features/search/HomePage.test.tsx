import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { json, mockFetch, renderApp } from "../../test/render";
import { itinerary } from "../../test/itineraries";
import type { FlexDay, FlightSegment, SearchResults } from "../../types/index";
import HomePage from "./HomePage";

const OVERNIGHT_FLIGHT: FlightSegment = {
  id: "f1",
  flight_number: "BA117",
  source: "JFK",
  destination: "LHR",
  // 23:30 in New York, 11:15 next day in London: shown as each airport's local time.
  departure_ts: "2999-01-01T23:30:00-05:00",
  arrival_ts: "2999-01-02T11:15:00+00:00",
  departure_tz: "America/New_York",
  arrival_tz: "Europe/London",
  duration_minutes: 405,
  price: "1234.50",
  currency: "USD",
  available_seats: 4,
  source_city: "New York",
  destination_city: "London",
  airline: { code: "BA", name: "British Airways" },
};
const OVERNIGHT = itinerary([OVERNIGHT_FLIGHT]);

function answering(pages: Record<string, SearchResults>) {
  const asked: URLSearchParams[] = [];
  mockFetch({
    "GET /api/v1/search": (_request, url) => {
      asked.push(url.searchParams);
      return json(pages[url.searchParams.get("sort") ?? ""] ?? { data: [], count: 0, page: 1, page_size: 10 });
    },
  });
  return asked;
}

const URL = "/?source=JFK&destination=LHR&date=2999-01-01&seats=2";

describe("HomePage search results", () => {
  it("searches what the URL says and shows local times, duration, price and seats left", async () => {
    const asked = answering({ best: { data: [OVERNIGHT], count: 1, page: 1, page_size: 10, flex: [] } });
    renderApp(<HomePage />, { route: URL });
    const card = await screen.findByRole("listitem", { name: "BA117 JFK to LHR" });
    expect(within(card).getByText("23:30")).toBeInTheDocument();
    expect(within(card).getByText("11:15")).toBeInTheDocument();
    expect(within(card).getByText("+1 day")).toBeInTheDocument();
    expect(within(card).getByText("New York")).toBeInTheDocument();
    expect(within(card).getByText("London")).toBeInTheDocument();
    expect(within(card).getAllByText(/EST, UTC−5/)).toHaveLength(1);
    expect(within(card).getAllByText(/2999/)).toHaveLength(2); // not this year: the year is named
    expect(within(card).getByText("6h 45m")).toBeInTheDocument();
    expect(within(card).getByText(/UTC−5/)).toBeInTheDocument();
    expect(within(card).getByText("4 seats left")).toBeInTheDocument();
    expect(within(card).getByText(/^\$1,234\.50/)).toHaveTextContent("$1,234.50 per seat");
    expect(Object.fromEntries(asked[0] ?? [])).toEqual({
      source: "JFK",
      destination: "LHR",
      date: "2999-01-01",
      seats: "2",
      sort: "best",
      page: "1",
      page_size: "10",
      flex: "3",
    });
  });

  it("keeps the sort in the URL, and says so when nothing is found", async () => {
    const asked = answering({ best: { data: [OVERNIGHT], count: 1, page: 1, page_size: 10 } });
    renderApp(<HomePage />, { route: URL });
    await screen.findByRole("listitem", { name: "BA117 JFK to LHR" });
    await userEvent.selectOptions(screen.getByLabelText("Sort by"), "Shortest journey");
    expect(await screen.findByText(/No flights with 2 free seats on this day/)).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(`${URL}&sort=duration`);
    expect(asked.at(-1)?.get("sort")).toBe("duration");
  });

  it("shows the API's reason when the search is refused", async () => {
    mockFetch({ "GET /api/v1/search": () => json({ detail: "the date 2999-01-01 is too far ahead" }, 422) });
    renderApp(<HomePage />, { route: URL });
    expect(await screen.findByRole("alert")).toHaveTextContent("The search failed: The date 2999-01-01 is too far ahead");
  });

  it("scrolls the price calendar to the chosen day when the results come and when another day is picked", async () => {
    // 2998-12-29 to 2999-01-04 around 2999-01-01, whatever the date asked.
    const days: FlexDay[] = Array.from({ length: 7 }, (_, n) => ({
      date: `${n < 3 ? "2998-12" : "2999-01"}-${String(n < 3 ? 29 + n : n - 2).padStart(2, "0")}`,
      lowest_price: "99.00",
      flights: 1,
      currency: "EUR",
    }));
    mockFetch({ "GET /api/v1/search": () => json({ data: [OVERNIGHT], count: 1, page: 1, page_size: 10, flex: days }) });
    // jsdom lays nothing out: a phone-width strip 300 px wide showing days 100 px wide side by side.
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
      const strip = this.closest(".price-calendar ul");
      const item = this.closest("li");
      const index = strip && item ? Array.from(strip.children).indexOf(item) : 0;
      const left = this === strip ? 0 : index * 100 - (strip?.scrollLeft ?? 0);
      const width = this === strip ? 300 : 100;
      return { left, width, right: left + width, top: 0, bottom: 50, height: 50, x: left, y: 0, toJSON: () => ({}) };
    });
    renderApp(<HomePage />, { route: URL });
    const calendar = await screen.findByRole("navigation", { name: "Prices around your date" });
    const strip = within(calendar).getByRole("list");
    expect(within(calendar).getAllByRole("button")[3]).toHaveAttribute("aria-current", "date");
    expect(strip.scrollLeft).toBe(200); // the fourth day (300–400 px) in the middle

    await userEvent.click(within(calendar).getByRole("button", { name: /Jan 3/ }));
    expect(screen.getByTestId("location")).toHaveTextContent("date=2999-01-03");
    await waitFor(() => {
      expect(strip.scrollLeft).toBe(400); // the sixth day (500–600 px) in the middle
    });
  });

  it("chooses an outbound and a return flight, keeps them in the URL and totals the trip", async () => {
    const back: FlightSegment = { ...OVERNIGHT_FLIGHT, id: "f2", flight_number: "BA178", source: "LHR", destination: "JFK",
      source_city: "London", destination_city: "New York", price: "99.95" };
    mockFetch({
      "GET /api/v1/search": () =>
        json({ data: [OVERNIGHT], count: 1, page: 1, page_size: 10, return_flights: { data: [itinerary([back])], count: 1, page: 1, page_size: 10 } }),
      "GET /api/v1/flights/f1": () => json(OVERNIGHT_FLIGHT),
      "GET /api/v1/flights/f2": () => json(back),
    });
    renderApp(<HomePage />, { route: `${URL}&return_date=2999-01-08` });
    const outbound = await screen.findByRole("listitem", { name: "BA117 JFK to LHR" });
    await userEvent.click(within(outbound).getByRole("button", { name: "Select" }));
    expect(within(outbound).getByRole("button", { name: "Selected" })).toHaveAttribute("aria-pressed", "true");
    const trip = await screen.findByRole("complementary", { name: "Your trip" });
    expect(await within(trip).findByText("Now choose a return flight.")).toBeInTheDocument();
    expect(within(trip).queryByRole("link")).not.toBeInTheDocument();

    await userEvent.click(within(screen.getByRole("listitem", { name: "BA178 LHR to JFK" })).getByRole("button", { name: "Select" }));
    expect(screen.getByTestId("location")).toHaveTextContent("outbound=f1&return=f2");
    // (1,234.50 + 99.95) × 2 passengers
    expect(await within(trip).findByText(/^Total for 2 passengers/)).toHaveTextContent("Total for 2 passengers $2,668.90");
    expect(within(trip).getByRole("link", { name: "Continue to passengers" })).toHaveAttribute(
      "href",
      "/checkout?flights=f1%2Cf2&passengers=2",
    );

    // A new search starts the choice afresh.
    await userEvent.click(screen.getByRole("button", { name: "Search flights" }));
    expect(screen.getByTestId("location")).not.toHaveTextContent("outbound=");
  });

  it("moves the focus to the results after a search, not when the page opens with one", async () => {
    mockFetch({ "GET /api/v1/search": () => json({ data: [OVERNIGHT], count: 1, page: 1, page_size: 10 }) });
    renderApp(<HomePage />, { route: URL });
    const heading = await screen.findByRole("heading", { name: "JFK → LHR" });
    expect(heading).not.toHaveFocus();
    await userEvent.click(screen.getByRole("button", { name: "Search flights" }));
    await waitFor(() => {
      expect(screen.getByRole("heading", { name: "JFK → LHR" })).toHaveFocus();
    });
  });

  it("offers no Select on a flight that sold out since the search was cached", async () => {
    const gone = itinerary([{ ...OVERNIGHT_FLIGHT, id: "f9", flight_number: "BA9", available_seats: 0 }]);
    const short = itinerary([{ ...OVERNIGHT_FLIGHT, id: "f8", flight_number: "BA8", available_seats: 1 }]);
    mockFetch({ "GET /api/v1/search": () => json({ data: [gone, short], count: 2, page: 1, page_size: 10 }) });
    renderApp(<HomePage />, { route: URL });
    const soldOut = await screen.findByRole("listitem", { name: "BA9 JFK to LHR" });
    expect(within(soldOut).getByText("Sold out")).toBeInTheDocument();
    expect(within(soldOut).queryByRole("button", { name: "Select" })).not.toBeInTheDocument();
    const one = screen.getByRole("listitem", { name: "BA8 JFK to LHR" });
    expect(within(one).getByText("Not 2 seats left")).toBeInTheDocument();
    expect(within(one).queryByRole("button", { name: "Select" })).not.toBeInTheDocument();
  });

  it("keeps a bookmarked search whose date has passed on the form, saying what to change", async () => {
    const fetchMock = mockFetch({});
    renderApp(<HomePage />, { route: "/?source=JFK&destination=LHR&date=2001-01-01&seats=2" });
    expect(await screen.findByLabelText("Date")).toHaveAccessibleDescription("Choose today or a later date.");
    expect(screen.getByLabelText("Date")).toHaveValue("2001-01-01");
    expect(screen.getByLabelText("Passengers")).toHaveValue(2);
    const asked = fetchMock.mock.calls.map(([request]: [Request]) => request.url);
    expect(asked.filter((url) => url.includes("/api/v1/search"))).toEqual([]);
  });

  it("folds the form into a summary once there are results, and opens it again to change", async () => {
    mockFetch({ "GET /api/v1/search": () => json({ data: [OVERNIGHT], count: 1, page: 1, page_size: 10 }) });
    renderApp(<HomePage />, { route: URL });
    await userEvent.click(await screen.findByRole("button", { name: "Change search" }));
    expect(screen.queryByRole("button", { name: "Change search" })).not.toBeInTheDocument();
    expect(screen.getByRole("search", { name: "Search flights" }).closest(".search-area")).not.toHaveClass("folded");
    await userEvent.click(screen.getByRole("button", { name: "Search flights" }));
    expect(await screen.findByRole("button", { name: "Change search" })).toBeInTheDocument();
    expect(screen.getByRole("search", { name: "Search flights" }).closest(".search-area")).toHaveClass("folded");
    const summary = screen.getByRole("button", { name: "Change search" }).closest(".search-summary");
    expect(summary).toHaveTextContent(/^JFK → LHR · .+ · 2 passengers/);
  });

  it("shows a connection with its stop, layover in words and airlines, and books both flights", async () => {
    const first: FlightSegment = { ...OVERNIGHT_FLIGHT, id: "c1", flight_number: "EI104", destination: "DUB",
      destination_city: "Dublin", arrival_ts: "2999-01-02T10:45:00+00:00", arrival_tz: "Europe/Dublin", price: "300.00",
      airline: { code: "EI", name: "Aer Lingus" } };
    const second: FlightSegment = { ...OVERNIGHT_FLIGHT, id: "c2", flight_number: "BA831", source: "DUB",
      source_city: "Dublin", departure_ts: "2999-01-02T12:15:00+00:00", departure_tz: "Europe/Dublin",
      arrival_ts: "2999-01-02T13:30:00+00:00", duration_minutes: 75, price: "80.00" };
    const connection = itinerary([first, second], [{ airport: "DUB", city: "Dublin", minutes: 90, departure_airport: "DUB" }]);
    mockFetch({
      "GET /api/v1/search": () => json({ data: [connection], count: 1, page: 1, page_size: 10 }),
      "GET /api/v1/flights/c1": () => json(first),
      "GET /api/v1/flights/c2": () => json(second),
    });
    renderApp(<HomePage />, { route: URL });
    const card = await screen.findByRole("listitem", { name: "EI104 + BA831 JFK to LHR" });
    expect(within(card).getByText("1 stop · DUB")).toBeInTheDocument();
    expect(within(card).getByText("Aer Lingus, British Airways")).toBeInTheDocument();
    await userEvent.click(within(card).getByText("Flights and layovers"));
    expect(within(card).getByText("Layover: 1 hour 30 minutes in Dublin (DUB)")).toBeVisible();
    expect(within(card).getByText(/^\$380\.00/)).toBeInTheDocument();

    await userEvent.click(within(card).getByRole("button", { name: "Select" }));
    expect(screen.getByTestId("location")).toHaveTextContent("outbound=c1%2Cc2");
    const trip = await screen.findByRole("complementary", { name: "Your trip" });
    expect(await within(trip).findByText(/^Total for 2 passengers/)).toHaveTextContent("$760.00");
    expect(within(trip).getByRole("link", { name: "Continue to passengers" })).toHaveAttribute(
      "href",
      "/checkout?flights=c1%2Cc2&passengers=2",
    );
  });

  it("filters by stops, times and airlines through the URL, dropping a choice made before", async () => {
    const asked = answering({ best: { data: [OVERNIGHT], count: 1, page: 1, page_size: 10 } });
    renderApp(<HomePage />, { route: `${URL}&outbound=f1&page=2` });
    await screen.findByRole("listitem", { name: "BA117 JFK to LHR" });
    const filters = screen.getByRole("complementary", { name: "Filters" });
    const toggle = within(filters).getByRole("button", { name: "Filters" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");

    await userEvent.click(within(filters).getByLabelText("Direct only"));
    await waitFor(() => {
      expect(asked.at(-1)?.get("max_stops")).toBe("0");
    });
    expect(screen.getByTestId("location")).not.toHaveTextContent("outbound=");
    expect(screen.getByTestId("location")).not.toHaveTextContent("page=");
    await userEvent.selectOptions(within(filters).getByLabelText("Departure time"), "Morning (05:00–11:59)");
    await waitFor(() => {
      expect(asked.at(-1)?.get("departure_window")).toBe("05:00-11:59");
    });
    await userEvent.click(within(filters).getByLabelText("British Airways"));
    await waitFor(() => {
      expect(asked.at(-1)?.get("airlines")).toBe("BA");
    });
    await userEvent.type(within(filters).getByLabelText("Highest price per seat"), "450,5");
    await userEvent.click(within(filters).getByRole("button", { name: "Apply" }));
    await waitFor(() => {
      expect(asked.at(-1)?.get("max_price")).toBe("450.5");
    });
    expect(toggle).toHaveTextContent("Filters (4)");
    // A new search from the form keeps the filters.
    await userEvent.click(screen.getByRole("button", { name: "Search flights" }));
    expect(screen.getByTestId("location")).toHaveTextContent("max_stops=0");
  });

  it("draws the month's lowest prices as a grid from one request, and searches a day picked there", async () => {
    const months: URLSearchParams[] = [];
    mockFetch({
      "GET /api/v1/search": () => json({ data: [OVERNIGHT], count: 1, page: 1, page_size: 10 }),
      "GET /api/v1/search/calendar": (_request, url) => {
        months.push(url.searchParams);
        return json([
          { date: "2999-01-01", direct_price: "500.00", connecting_price: "420.00", currency: "USD" },
          { date: "2999-01-02", direct_price: null, connecting_price: null, currency: "USD" },
          { date: "2999-01-03", direct_price: "310.00", connecting_price: null, currency: "USD" },
        ]);
      },
    });
    renderApp(<HomePage />, { route: `${URL}&max_stops=0` });
    await screen.findByRole("listitem", { name: "BA117 JFK to LHR" });
    await userEvent.click(screen.getByRole("button", { name: "Prices for the whole month" }));
    const grid = await screen.findByRole("group", { name: /^Days of/ });
    expect(within(grid).getByRole("button", { name: "2999-01-01: from $420.00" })).toHaveAttribute("aria-current", "date");
    expect(within(grid).getByRole("button", { name: "2999-01-02: no flights" })).toBeDisabled();
    expect(Object.fromEntries(months[0] ?? [])).toMatchObject({ month: "2999-01", seats: "2", max_stops: "0" });
    await userEvent.click(within(grid).getByRole("button", { name: "2999-01-03: from $310.00" }));
    expect(screen.getByTestId("location")).toHaveTextContent("date=2999-01-03");
  });
});
