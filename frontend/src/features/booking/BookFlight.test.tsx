import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { saveSession } from "../../auth/session";
import { json, mockFetch, renderApp } from "../../test/render";
import type { FlightResult } from "../../types/index";
import BookFlight from "./BookFlight";
import { validateSeats } from "./SeatPicker";

const FLIGHT: FlightResult = {
  id: "7d2f7d1e-1111-4f7a-9d5e-000000000001",
  flight_number: "BA117",
  source: "LHR",
  destination: "JFK",
  departure_ts: "2027-07-01T09:30:00+01:00",
  arrival_ts: "2027-07-01T12:35:00-04:00",
  departure_tz: "Europe/London",
  arrival_tz: "America/New_York",
  duration_minutes: 485,
  price: "100.00",
  currency: "EUR",
  available_seats: 3,
};
const ALICE = { id: "u1", username: "alice", is_admin: false, created_at: "2027-01-01T00:00:00Z" };

describe("validateSeats", () => {
  it("allows 1 to 9 seats and no more than are left", () => {
    expect(validateSeats(1, 3)).toBeNull();
    expect(validateSeats(3, 3)).toBeNull();
    expect(validateSeats(9, 200)).toBeNull();
    expect(validateSeats(4, 3)).toBe("Only 3 seats are left.");
    expect(validateSeats(2, 1)).toBe("Only 1 seat is left.");
    expect(validateSeats(10, 200)).toBe("At most 9 seats in one booking.");
    expect(validateSeats(0, 3)).toBe("Choose from 1 to 3 seats.");
    expect(validateSeats(Number.NaN, 3)).toBe("Choose from 1 to 3 seats.");
    expect(validateSeats(1, 0)).toBe("This flight has no seats left.");
  });
});

function renderBooking(initialSeats = 1) {
  saveSession({ token: "t", expiresAt: Date.now() + 3_600_000 });
  const keys: (string | null)[] = [];
  const bodies: unknown[] = [];
  const fetchMock = mockFetch({
    "GET /api/v1/auth/me": () => json(ALICE),
    "POST /api/v1/bookings": async (request) => {
      keys.push(request.headers.get("Idempotency-Key"));
      bodies.push(await request.json());
      return json({ id: "b1", status: "PENDING", poll_url: "/api/v1/bookings/b1" }, 202);
    },
  });
  renderApp(<BookFlight flight={FLIGHT} initialSeats={initialSeats} onClose={() => undefined} />);
  return { fetchMock, keys, bodies };
}

describe("BookFlight", () => {
  it("the seat picker stays within what is left, and refuses more typed in", async () => {
    const { fetchMock } = renderBooking(2);
    const input = await screen.findByRole("spinbutton", { name: "Seats" });
    await userEvent.click(screen.getByRole("button", { name: "One seat more" }));
    expect(input).toHaveValue(3);
    expect(screen.getByRole("button", { name: "One seat more" })).toBeDisabled();
    expect(screen.getByText("€300.00")).toBeInTheDocument();
    await userEvent.clear(input);
    await userEvent.type(input, "5");
    expect(input).toHaveAccessibleDescription("Only 3 seats are left.");
    await waitFor(() => {
      expect(screen.getByRole("button", { name: "Confirm booking" })).toBeEnabled();
    });
    await userEvent.click(screen.getByRole("button", { name: "Confirm booking" }));
    expect(fetchMock.mock.calls.some(([request]) => request.method === "POST")).toBe(false);
  });

  it("a double click books once, with one Idempotency-Key, then goes to the booking", async () => {
    const { keys, bodies } = renderBooking(2);
    const confirm = await screen.findByRole("button", { name: "Confirm booking" });
    await waitFor(() => {
      expect(confirm).toBeEnabled();
    });
    await userEvent.dblClick(confirm);
    await waitFor(() => {
      expect(screen.getByTestId("location")).toHaveTextContent("/bookings/b1");
    });
    expect(bodies).toEqual([{ flight_id: FLIGHT.id, seats: 2 }]);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("asks an anonymous visitor to log in first, and brings them back", () => {
    mockFetch({});
    renderApp(<BookFlight flight={FLIGHT} initialSeats={1} onClose={() => undefined} />, { route: "/?source=LHR" });
    expect(screen.getByRole("link", { name: "Log in to book" })).toHaveAttribute("href", "/login?next=%2F%3Fsource%3DLHR");
  });
});
