/** Orders and flights as the API sends them, for component tests. */
import type { FlightResult, Order } from "../types/index";

/** The date `days` from now (UTC), YYYY-MM-DD. */
export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export const ORDER_ID = "0b6a4a52-8f7e-4b8e-a8c1-2f0d5c1e9a11";

export const OUTBOUND: FlightResult = {
  id: "f-out",
  flight_number: "BA117",
  source: "LHR",
  destination: "JFK",
  departure_ts: `${inDays(30)}T09:30:00+00:00`,
  arrival_ts: `${inDays(30)}T12:35:00-05:00`,
  departure_tz: "Europe/London",
  arrival_tz: "America/New_York",
  duration_minutes: 485,
  price: "120.10",
  currency: "GBP",
  available_seats: 9,
  source_city: "London",
  destination_city: "New York",
};

export const RETURN: FlightResult = {
  ...OUTBOUND,
  id: "f-back",
  flight_number: "BA178",
  source: "JFK",
  destination: "LHR",
  departure_ts: `${inDays(37)}T19:00:00-05:00`,
  arrival_ts: `${inDays(38)}T07:05:00+00:00`,
  departure_tz: "America/New_York",
  arrival_tz: "Europe/London",
  source_city: "New York",
  destination_city: "London",
  price: "99.95",
};

export function order(changes: Partial<Order> = {}): Order {
  return {
    id: ORDER_ID,
    reference: "K7WQ2M",
    status: "PENDING",
    failure_reason: null,
    contact_email: "ana@example.com",
    expires_at: null,
    total_price: "440.10",
    currency: "GBP",
    passengers: [
      { id: "p1", given_name: "Ana", family_name: "Lima", type: "ADULT", date_of_birth: null },
      { id: "p2", given_name: "Léa", family_name: "Müller", type: "CHILD", date_of_birth: "2990-05-01" },
    ],
    segments: [OUTBOUND, RETURN].map((flight) => ({
      booking_id: `b-${flight.id}`,
      flight_id: flight.id,
      flight_number: flight.flight_number,
      source: flight.source,
      destination: flight.destination,
      departure_ts: flight.departure_ts,
      arrival_ts: flight.arrival_ts,
      departure_tz: flight.departure_tz,
      arrival_tz: flight.arrival_tz,
      seats: 2,
      unit_price: flight.price,
      total_price: (Number(flight.price) * 2).toFixed(2),
      currency: "GBP",
    })),
    tickets: [],
    created_at: "2999-02-01T10:00:00Z",
    decided_at: null,
    paid_at: null,
    cancel_requested_at: null,
    refund_amount: null,
    ...changes,
  };
}
