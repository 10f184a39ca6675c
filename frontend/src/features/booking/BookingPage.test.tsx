import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { failureText, statusText } from "./bookings";
import { json, mockFetch, renderApp, tick, withFakeClock } from "../../test/render";
import type { Booking } from "../../types/index";
import BookingPage from "./BookingPage";

const ID = "0b6a4a52-8f7e-4b8e-a8c1-2f0d5c1e9a11";

function booking(changes: Partial<Booking> = {}): Booking {
  return {
    id: ID,
    status: "PENDING",
    seats: 2,
    unit_price: "120.00",
    total_price: "240.00",
    currency: "GBP",
    failure_reason: null,
    cancel_requested_at: null,
    flight: {
      id: "f1",
      flight_number: "BA117",
      source: "LHR",
      destination: "JFK",
      departure_ts: "2027-03-01T09:30:00+00:00",
      arrival_ts: "2027-03-01T12:35:00-05:00",
    },
    created_at: "2027-02-01T10:00:00Z",
    updated_at: "2027-02-01T10:00:00Z",
    decided_at: null,
    ...changes,
  };
}

const INTERVAL = 1000;
withFakeClock();

/** The booking endpoint answering `answers` in turn, then the last one for ever. */
function bookingAnswering(...answers: Booking[]) {
  let calls = 0;
  const fetchMock = mockFetch({
    [`GET /api/v1/bookings/${ID}`]: () => json(answers[Math.min(calls++, answers.length - 1)]),
  });
  return { fetchMock, calls: () => calls };
}

function renderPage() {
  renderApp(<BookingPage pollIntervalMs={INTERVAL} />, { route: `/bookings/${ID}`, path: "/bookings/:bookingId" });
}

describe("BookingPage", () => {
  it("polls a pending booking until it is confirmed, then stops", async () => {
    const api = bookingAnswering(booking(), booking(), booking({ status: "CONFIRMED", decided_at: "2027-02-01T10:00:01Z" }));
    renderPage();
    await tick(0);
    expect(screen.getByText(/we are securing your seats/)).toBeInTheDocument();
    expect(api.calls()).toBe(1);
    await tick(INTERVAL);
    expect(api.calls()).toBe(2);
    await tick(INTERVAL);
    expect(api.calls()).toBe(3);
    expect(screen.getByText(/your 2 seats are booked/)).toBeInTheDocument();
    expect(screen.getByText(/^2 ×/)).toHaveTextContent("2 × £120.00 = £240.00");
    await tick(10 * INTERVAL); // a poll that had not stopped would have asked ten times more
    expect(api.calls()).toBe(3);
    expect(screen.getByText("BA117 · LHR → JFK")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Cancel booking" })).toBeInTheDocument();
  });

  it("stops on FAILED and says why in a traveller's words", async () => {
    const api = bookingAnswering(booking(), booking({ status: "FAILED", failure_reason: "sold out" }));
    renderPage();
    await tick(0);
    await tick(INTERVAL);
    expect(screen.getByRole("alert")).toHaveTextContent("Failed: Sorry, there are not enough seats left on this flight.");
    await tick(10 * INTERVAL);
    expect(api.calls()).toBe(2);
    expect(screen.queryByRole("button", { name: "Cancel booking" })).not.toBeInTheDocument();
  });

  it("after a cancel, polls again until the booking is CANCELLED", async () => {
    let cancelled = false;
    let reads = 0;
    mockFetch({
      [`GET /api/v1/bookings/${ID}`]: () => {
        reads += 1;
        return json(booking({ status: cancelled && reads > 3 ? "CANCELLED" : "CONFIRMED", cancel_requested_at: cancelled ? "2027-02-01T11:00:00Z" : null }));
      },
      [`POST /api/v1/bookings/${ID}/cancel`]: () => {
        cancelled = true;
        return json(booking({ status: "CONFIRMED", cancel_requested_at: "2027-02-01T11:00:00Z" }), 202);
      },
    });
    renderPage();
    await tick(0);
    await tick(10 * INTERVAL);
    expect(reads).toBe(1); // confirmed: nothing to follow
    fireEvent.click(screen.getByRole("button", { name: "Cancel booking" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, cancel it" }));
    await tick(0);
    expect(screen.queryByText(/this booking has been cancelled/)).not.toBeInTheDocument();
    await tick(INTERVAL);
    await tick(INTERVAL);
    expect(screen.getByText(/this booking has been cancelled/)).toBeInTheDocument();
    const settled = reads;
    await tick(10 * INTERVAL);
    expect(reads).toBe(settled);
  });

  it("shows an error with a retry when the booking cannot be read", async () => {
    mockFetch({ [`GET /api/v1/bookings/${ID}`]: () => json({ detail: `no booking with id ${ID}` }, 404) });
    renderPage();
    await tick(0);
    expect(screen.getByRole("alert")).toHaveTextContent(`This booking could not be loaded: No booking with id ${ID}`);
    expect(screen.getByRole("button", { name: "Try again" })).toBeEnabled();
  });
});

describe("failureText", () => {
  it("turns the API's reasons into a traveller's words", () => {
    expect(failureText("sold out")).toBe("Sorry, there are not enough seats left on this flight.");
    expect(failureText("flight cancelled")).toBe("Sorry, this flight has been cancelled by the airline.");
    expect(failureText("could not be processed; no seats were taken, please try again")).toMatch(/No seats were taken/);
    expect(failureText(null)).toBe("Sorry, your booking could not be completed.");
  });
});

describe("statusText", () => {
  it("names every status an order's segment can have", () => {
    const names = ["PENDING", "HELD", "CONFIRMED", "FAILED", "CANCELLED", "EXPIRED"].map((status) =>
      statusText({ status, cancel_requested_at: null }),
    );
    expect(names).toEqual(["Pending", "Held", "Confirmed", "Failed", "Cancelled", "Expired"]);
    expect(statusText({ status: "HELD", cancel_requested_at: "2027-02-01T11:00:00Z" })).toBe("Cancelling…");
  });
});
