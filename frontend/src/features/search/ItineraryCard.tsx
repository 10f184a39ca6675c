import {
  daysBetween,
  durationInWords,
  formatDay,
  formatDuration,
  formatPrice,
  localTime,
  zoneLabel,
} from "../../lib/format";
import type { FlightSegment, Itinerary, Layover } from "../../types/index";

/** "Direct", "1 stop", "2 stops". */
export function stopsText(stops: number): string {
  return stops === 0 ? "Direct" : stops === 1 ? "1 stop" : `${String(stops)} stops`;
}

/** A layover as people say it: "1 hour 30 minutes in Dublin (DUB)", and the airport change
 * when the next flight leaves from another airport of the city. */
export function layoverText(layover: Layover): string {
  const where = `${layover.city} (${layover.airport})`;
  const change =
    layover.departure_airport === layover.airport ? "" : `, change to ${layover.departure_airport}`;
  return `${durationInWords(layover.minutes)} in ${where}${change}`;
}

/** One itinerary of the results: departure and arrival at their airports' time, duration, stops
 * and layovers in words, airlines, price per seat and seats left, with each flight listed. */
export default function ItineraryCard({
  itinerary,
  wanted,
  chosen,
  onChoose,
}: {
  itinerary: Itinerary;
  wanted: number;
  chosen: boolean;
  onChoose: () => void;
}) {
  const first = itinerary.segments[0];
  const last = itinerary.segments.at(-1);
  if (!first || !last) return null; // an itinerary always has a flight
  const dayShift = daysBetween(localTime(first.departure_ts).date, localTime(last.arrival_ts).date);
  const left = itinerary.available_seats;
  const numbers = itinerary.segments.map((segment) => segment.flight_number).join(" + ");
  return (
    <li
      className={chosen ? "card flight-card chosen" : "card flight-card"}
      aria-label={`${numbers} ${first.source} to ${last.destination}`}
    >
      <div className="itinerary-main">
      <div className="flight-route">
        <Endpoint iso={first.departure_ts} zone={first.departure_tz} airport={first.source} city={first.source_city} />
        <div className="flight-middle">
          <span title={durationInWords(itinerary.duration_minutes)}>
            <span aria-hidden="true">{formatDuration(itinerary.duration_minutes)}</span>
            <span className="visually-hidden">{durationInWords(itinerary.duration_minutes)}</span>
          </span>
          <span className="line" aria-hidden="true" />
          <span className={itinerary.stops === 0 ? "muted small" : "stops small"}>
            {stopsText(itinerary.stops)}
            {itinerary.stops > 0 && ` · ${itinerary.layovers.map((layover) => layover.airport).join(", ")}`}
          </span>
        </div>
        <Endpoint iso={last.arrival_ts} zone={last.arrival_tz} airport={last.destination} city={last.destination_city} />
        {dayShift !== 0 && (
          <span className="day-shift" title="Arrives on another day">
            {dayShift > 0 ? `+${String(dayShift)}` : dayShift} day{Math.abs(dayShift) === 1 ? "" : "s"}
          </span>
        )}
      </div>
      <p className="airlines small">{itinerary.airlines.map((airline) => airline.name).join(", ")}</p>
      {itinerary.stops > 0 && (
        <details className="segments">
          <summary>Flights and layovers</summary>
          <ol>
            {itinerary.segments.map((segment, index) => {
              const layover = itinerary.layovers[index];
              return (
                <li key={segment.id}>
                  <SegmentLine segment={segment} />
                  {layover && <p className="layover">Layover: {layoverText(layover)}</p>}
                </li>
              );
            })}
          </ol>
        </details>
      )}
      </div>
      <div className="flight-offer">
        <p className="price">
          {formatPrice(itinerary.price, itinerary.currency)} <span className="muted small">per seat</span>
        </p>
        <p className={left <= 5 ? "seats-left few" : "seats-left"}>
          {left === 0 ? "Sold out" : left === 1 ? "1 seat left" : `${String(left)} seats left`}
        </p>
        {left < wanted && !chosen ? (
          <p className="muted small">{left === 0 ? "Sold out since the search" : `Not ${String(wanted)} seats left`}</p>
        ) : (
          <button type="button" className={chosen ? "" : "primary"} aria-pressed={chosen} onClick={onChoose}>
            {chosen ? "Selected" : "Select"}
          </button>
        )}
      </div>
    </li>
  );
}

function SegmentLine({ segment }: { segment: FlightSegment }) {
  const departure = localTime(segment.departure_ts);
  const arrival = localTime(segment.arrival_ts);
  return (
    <p>
      <strong>{segment.flight_number}</strong> {segment.airline.name} · {segment.source} {departure.time} →{" "}
      {segment.destination} {arrival.time}
      {arrival.date !== departure.date && ` (${formatDay(arrival.date)})`} ·{" "}
      {durationInWords(segment.duration_minutes)}
    </p>
  );
}

function Endpoint({ iso, zone, airport, city }: { iso: string; zone: string; airport: string; city: string }) {
  const local = localTime(iso);
  return (
    <div className="endpoint">
      <time dateTime={iso} className="clock">
        {local.time}
      </time>
      <span>
        <span className="airport-code">{airport}</span> {city && <span className="airport-city">{city}</span>}
      </span>
      <span className="muted small" title={zone}>
        {formatDay(local.date)} · {zoneLabel(iso, zone)}
      </span>
    </div>
  );
}
