import { Link } from "react-router";

import { formatPrice, passengersText } from "../../lib/format";
import type { FlightResult } from "../../types/index";
import { tripTotal, useFlights } from "../orders/useFlights";
import { When } from "../orders/OrderDetails";
import type { TripChoice } from "./FlightResults";

/**
 * The flights chosen so far and what they cost together, with the way on to the checkout once
 * the trip is complete (an outbound flight, and a return flight for a round trip).
 */
export default function TripSummary({
  choice,
  roundTrip,
  passengers,
}: {
  choice: TripChoice;
  roundTrip: boolean;
  passengers: number;
}) {
  // Each choice is an itinerary: the ids of its flights, comma-separated.
  const outbound = (choice.outbound ?? "").split(",").filter(Boolean);
  const back = roundTrip ? (choice.return ?? "").split(",").filter(Boolean) : [];
  const ids = [...outbound, ...back];
  const { flights, error } = useFlights(ids);
  if (ids.length === 0) return null;
  const complete = outbound.length > 0 && (!roundTrip || back.length > 0);
  const checkout = `/checkout?${new URLSearchParams({ flights: ids.join(","), passengers: String(passengers) }).toString()}`;
  return (
    <aside className="trip-summary" aria-label="Your trip">
      <h2>Your trip</h2>
      {error && <p className="field-error">A chosen flight is no longer on sale: choose another.</p>}
      {flights && (
        <ul>
          {flights.map((flight, index) => (
            <Leg key={flight.id} flight={flight} label={index < outbound.length ? "Outbound" : "Return"} />
          ))}
        </ul>
      )}
      {flights?.[0] && (
        <p className="total">
          Total for {passengersText(passengers)}{" "}
          <strong>{formatPrice(tripTotal(flights, passengers), flights[0].currency)}</strong>
        </p>
      )}
      {complete ? (
        <Link className="button-link primary" to={checkout}>
          Continue to passengers
        </Link>
      ) : (
        <p role="status">Now choose a return flight.</p>
      )}
    </aside>
  );
}

function Leg({ flight, label }: { flight: FlightResult; label: string }) {
  return (
    <li>
      <strong>{label}</strong> {flight.flight_number} · {flight.source} → {flight.destination} ·{" "}
      <When iso={flight.departure_ts} />
    </li>
  );
}
