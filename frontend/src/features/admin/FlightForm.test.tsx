import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { ApiError } from "../../services/api";
import { json, mockFetch, renderApp } from "../../test/render";
import type { Airport } from "../../types/index";
import FlightForm, { flightErrorsFrom, validateFlight, type FlightDraft } from "./FlightForm";

const LHR: Airport = { code: "LHR", kind: "airport", name: "London Heathrow Airport", city: "London", country: "GB", timezone: "Europe/London" };
const JFK: Airport = { code: "JFK", kind: "airport", name: "John F Kennedy International Airport", city: "New York", country: "US", timezone: "America/New_York" };

const VALID: FlightDraft = {
  flightNumber: "ba117",
  source: LHR,
  destination: JFK,
  departure: "2027-07-01T09:30",
  arrival: "2027-07-01T12:35",
  totalSeats: "180",
  price: "249.99",
};

describe("validateFlight", () => {
  it("accepts a complete flight, times compared as instants in each airport's zone", () => {
    // 12:35 in New York (UTC−4) is after 09:30 in London (UTC+1) although it reads earlier elsewhere.
    expect(validateFlight(VALID)).toEqual({});
    expect(validateFlight({ ...VALID, arrival: "2027-07-01T04:20" })).toEqual({
      arrival_ts: "The arrival must be after the departure (both in local time).",
    });
  });

  it("names every missing or wrong field", () => {
    expect(
      validateFlight({ flightNumber: "", source: null, destination: null, departure: "", arrival: "", totalSeats: "", price: "" }),
    ).toEqual({
      flight_number: "Enter the flight number.",
      source: "Choose the departure airport from the list.",
      destination: "Choose the arrival airport from the list.",
      departure_ts: "Enter the departure date and time.",
      arrival_ts: "Enter the arrival date and time.",
      total_seats: "Enter the number of seats.",
      price: "Enter the price.",
    });
    expect(
      validateFlight({ ...VALID, flightNumber: "117", destination: LHR, totalSeats: "1001", price: "9.999" }),
    ).toEqual({
      flight_number: "Use the airline's 2-character code and up to 4 digits, e.g. BA117.",
      destination: "Choose an arrival airport other than the departure.",
      total_seats: "Between 1 and 1000 seats.",
      price: "A price of 0 or more, with at most 2 decimals.",
    });
    expect(validateFlight({ ...VALID, totalSeats: "2.5", price: "-1" })).toEqual({
      total_seats: "Between 1 and 1000 seats.",
      price: "A price of 0 or more, with at most 2 decimals.",
    });
  });
});

describe("flightErrorsFrom", () => {
  it("puts the API's field and whole-flight messages on their fields", () => {
    const refusal = new ApiError(422, [
      { loc: ["body", "source"], msg: "Value error, XXX is not a known IATA airport code", type: "value_error" },
      { loc: ["body"], msg: "Value error, arrival_ts must be after departure_ts", type: "value_error" },
      { loc: ["body", "flight_number"], msg: "String should match pattern '^x$'", type: "string_pattern_mismatch" },
      { loc: ["body"], msg: "Value error, something else entirely", type: "value_error" },
    ]);
    expect(flightErrorsFrom(refusal)).toEqual({
      fields: {
        source: "XXX is not a known IATA airport code",
        arrival_ts: "Arrival must be after departure",
        flight_number: "Use the airline's 2-character code and up to 4 digits, e.g. BA117.",
      },
      form: "Something else entirely",
    });
  });

  it("puts a duplicate flight (409) on the flight number", () => {
    expect(flightErrorsFrom(new ApiError(409, "flight BA117 departing Thu 1 Jul 2027 08:30 at LHR (UTC+00:00) already exists"))).toEqual({
      fields: { flight_number: "Flight BA117 departing Thu 1 Jul 2027 08:30 at LHR (UTC+00:00) already exists" },
    });
  });
});

async function chooseAirport(label: string, text: string, code: string) {
  await userEvent.type(screen.getByRole("combobox", { name: label }), text);
  await userEvent.click(await screen.findByRole("option", { name: new RegExp(code) }));
}

describe("FlightForm", () => {
  it("shows the errors on their fields and sends nothing", async () => {
    const fetchMock = mockFetch({});
    renderApp(<FlightForm />);
    await userEvent.click(screen.getByRole("button", { name: "Add flight" }));
    expect(screen.getByRole("textbox", { name: "Flight number" })).toHaveAccessibleDescription(/Enter the flight number/);
    expect(screen.getByRole("combobox", { name: "Departure airport" })).toHaveAccessibleDescription(
      "Choose the departure airport from the list.",
    );
    expect(screen.getByLabelText("Seats")).toHaveAccessibleDescription("Enter the number of seats.");
    expect(fetchMock.mock.calls.map(([request]) => request.method)).not.toContain("POST");
  });

  it("names the currency prices are typed in", async () => {
    mockFetch({ "GET /api/v1/config": () => json({ currency: "JPY" }) });
    renderApp(<FlightForm />);
    await waitFor(() => {
      expect(screen.getByRole("textbox", { name: "Price per seat" })).toHaveAccessibleDescription("In JPY");
    });
  });

  it("sends local times with each airport's offset, and shows the API's refusal on the fields", async () => {
    const sent: unknown[] = [];
    mockFetch({
      "GET /api/v1/airports": (_request, url) => json(url.searchParams.get("q") === "lon" ? [LHR] : [JFK]),
      "POST /admin/flights": async (request) => {
        sent.push(await request.json());
        return json({ detail: [{ loc: ["body"], msg: "Value error, source and destination must be different airports", type: "value_error" }] }, 422);
      },
    });
    renderApp(<FlightForm />);
    await userEvent.type(screen.getByRole("textbox", { name: "Flight number" }), "ba117");
    await chooseAirport("Departure airport", "lon", "LHR");
    await chooseAirport("Arrival airport", "new", "JFK");
    await userEvent.type(screen.getByLabelText("Departure (local time)"), "2027-07-01T09:30");
    await userEvent.type(screen.getByLabelText("Arrival (local time)"), "2027-07-01T12:35");
    await userEvent.type(screen.getByLabelText("Seats"), "180");
    await userEvent.type(screen.getByRole("textbox", { name: "Price per seat" }), "249.99");
    await userEvent.click(screen.getByRole("button", { name: "Add flight" }));
    await waitFor(() => {
      expect(screen.getByRole("combobox", { name: "Arrival airport" })).toHaveAccessibleDescription(
        "Source and destination must be different airports",
      );
    });
    expect(sent).toEqual([
      {
        flight_number: "BA117",
        source: "LHR",
        destination: "JFK",
        departure_ts: "2027-07-01T09:30:00+01:00",
        arrival_ts: "2027-07-01T12:35:00-04:00",
        total_seats: 180,
        price: "249.99",
      },
    ]);
  });
});
