import { formatDay, formatPrice, localTime, offsetLabel } from "../../lib/format";
import type { Order, Segment } from "../../types/index";
import { badgeClass, statusText, type Decidable } from "./status";
import { TYPE_LABELS } from "./passengers";

/** A flight time as the API gives it (local at the airport): "Mon, 1 Mar 09:30 UTC+1". */
export function When({ iso }: { iso: string }) {
  const local = localTime(iso);
  return (
    <time dateTime={iso}>
      {formatDay(local.date)} {local.time} <span className="muted small">{offsetLabel(local.offset)}</span>
    </time>
  );
}

export function StatusBadge({ order }: { order: Decidable }) {
  return <span className={badgeClass(order)}>{statusText(order)}</span>;
}

/** The booking reference, large: what a traveller reads out at the airport or types in "Manage
 * booking". */
export function Reference({ order }: { order: Order }) {
  return (
    <p className="reference">
      <span className="muted">Booking reference</span>
      <strong aria-label={`Booking reference ${order.reference.split("").join(" ")}`}>{order.reference}</strong>
      <StatusBadge order={order} />
    </p>
  );
}

function SegmentItem({ segment }: { segment: Segment }) {
  return (
    <li className="segment">
      <strong>
        {segment.flight_number} · {segment.source} → {segment.destination}
      </strong>
      <span>
        Departs <When iso={segment.departure_ts} /> from {segment.source}
      </span>
      <span>
        Arrives <When iso={segment.arrival_ts} /> at {segment.destination}
      </span>
      <span className="muted small">
        {segment.seats === 1 ? "1 seat" : `${String(segment.seats)} seats`} ×{" "}
        {formatPrice(segment.unit_price, segment.currency)} = {formatPrice(segment.total_price, segment.currency)}
      </span>
    </li>
  );
}

/** An order's flights, passengers (with their ticket numbers once paid) and total. */
export default function OrderDetails({ order }: { order: Order }) {
  const tickets = new Map<string, string[]>();
  for (const ticket of order.tickets) {
    tickets.set(ticket.passenger_id, [...(tickets.get(ticket.passenger_id) ?? []), ticket.number]);
  }
  return (
    <div className="order-details">
      <section aria-labelledby={`${order.id}-flights`}>
        <h2 id={`${order.id}-flights`}>Flights</h2>
        <ol className="segments">
          {order.segments.map((segment) => (
            <SegmentItem key={segment.booking_id} segment={segment} />
          ))}
        </ol>
      </section>
      <section aria-labelledby={`${order.id}-passengers`}>
        <h2 id={`${order.id}-passengers`}>Passengers</h2>
        {order.passengers.length === 0 ? (
          <p className="muted">Seats booked without names.</p>
        ) : (
          <ol className="passengers">
            {order.passengers.map((passenger) => (
              <li key={passenger.id}>
                {passenger.given_name} {passenger.family_name}{" "}
                <span className="muted small">{TYPE_LABELS[passenger.type]}</span>
                {tickets.has(passenger.id) && (
                  <span className="small"> · Tickets {(tickets.get(passenger.id) ?? []).join(", ")}</span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <p className="total">
        Total <strong>{formatPrice(order.total_price, order.currency)}</strong>
      </p>
    </div>
  );
}
