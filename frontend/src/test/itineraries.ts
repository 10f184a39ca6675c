/** Itineraries for tests, built from flights the way the API builds them. */
import type { FlightSegment, Itinerary, Layover } from "../types/index";

function cents(price: string): number {
  return Math.round(Number(price) * 100);
}

/** The itinerary of one flight or of flights connecting at the given layovers. */
export function itinerary(segments: FlightSegment[], layovers: Layover[] = []): Itinerary {
  const [first] = segments;
  const last = segments.at(-1);
  if (!first || !last) throw new Error("an itinerary has a flight");
  const price = (segments.reduce((sum, segment) => sum + cents(segment.price), 0) / 100).toFixed(2);
  const minutes = (Date.parse(last.arrival_ts) - Date.parse(first.departure_ts)) / 60_000;
  return {
    id: segments.map((segment) => segment.id).join(","),
    segments,
    stops: segments.length - 1,
    layovers,
    duration_minutes: segments.length === 1 ? first.duration_minutes : minutes,
    price,
    total_price: price,
    available_seats: Math.min(...segments.map((segment) => segment.available_seats)),
    airlines: [...new Map(segments.map((segment) => [segment.airline.code, segment.airline])).values()],
    round_trip_price: null,
    currency: first.currency,
  };
}
