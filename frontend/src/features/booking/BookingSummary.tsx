import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { canCancel, statusText } from "./bookings";
import { formatDay, formatPrice, localTime, offsetLabel } from "../../lib/format";
import { cancelBooking } from "../../services/api";
import type { Booking } from "../../types/index";
import ConfirmCancel from "../../components/ConfirmCancel";

export function StatusBadge({ booking }: { booking: Booking }) {
  const text = statusText(booking);
  const kind = text === "Cancelling…" ? "pending" : booking.status.toLowerCase();
  return <span className={`badge badge-${kind}`}>{text}</span>;
}

/** A flight time as the API gives it (local at the airport): "Mon, 1 Mar 09:30 UTC+1". */
export function When({ iso }: { iso: string }) {
  const local = localTime(iso);
  return (
    <time dateTime={iso}>
      {formatDay(local.date)} {local.time} <span className="muted small">{offsetLabel(local.offset)}</span>
    </time>
  );
}

/** The flight, seats and price of a booking; times local at each airport. */
export function BookingFlight({ booking }: { booking: Booking }) {
  const { flight } = booking;
  return (
    <dl className="booking-facts">
      <div>
        <dt>Flight</dt>
        <dd>
          {flight.flight_number} · {flight.source} → {flight.destination}
        </dd>
      </div>
      <div>
        <dt>Departs</dt>
        <dd>
          <When iso={flight.departure_ts} /> from {flight.source}
        </dd>
      </div>
      <div>
        <dt>Arrives</dt>
        <dd>
          <When iso={flight.arrival_ts} /> at {flight.destination}
        </dd>
      </div>
      <div>
        <dt>Seats</dt>
        <dd>
          {booking.seats} × {formatPrice(booking.unit_price, booking.currency)} ={" "}
          <strong>{formatPrice(booking.total_price, booking.currency)}</strong>
        </dd>
      </div>
    </dl>
  );
}

/** Cancel a booking, after the traveller says yes; the caller's queries then follow the outcome. */
export function CancelBooking({ booking }: { booking: Booking }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => cancelBooking(booking.id),
    onSuccess: (updated) => {
      setConfirming(false);
      queryClient.setQueryData(["bookings", "one", booking.id], updated);
      void queryClient.invalidateQueries({ queryKey: ["bookings"] });
    },
  });
  if (!canCancel(booking)) return null;
  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => {
          setConfirming(true);
        }}
      >
        Cancel booking
      </button>
    );
  }
  return (
    <ConfirmCancel
      label="Cancel this booking?"
      question={`Cancel your booking on ${booking.flight.flight_number}? ${booking.status === "CONFIRMED" ? "Your seats go back on sale." : ""}`}
      confirmText="Yes, cancel it"
      pending={cancel.isPending}
      error={cancel.error}
      onConfirm={() => {
        cancel.mutate();
      }}
      onKeep={() => {
        setConfirming(false);
      }}
    />
  );
}
