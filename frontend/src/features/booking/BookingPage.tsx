import { Link, useParams } from "react-router";

import { BookingFlight, CancelBooking, StatusBadge } from "./BookingSummary";
import QueryView from "../../components/QueryView";
import { usePolling } from "../../hooks/usePolling";
import { failureText, isSettled } from "./bookings";
import { formatInstant } from "../../lib/format";
import { getBooking } from "../../services/api";
import type { Booking } from "../../types/index";

/** One booking and its live status: polled until it is decided (and any cancel carried out). */
export default function BookingPage({ pollIntervalMs = 1000 }: { pollIntervalMs?: number }) {
  const { bookingId = "" } = useParams();
  const booking = usePolling({
    queryKey: ["bookings", "one", bookingId],
    queryFn: (signal) => getBooking(bookingId, signal),
    isFinal: isSettled,
    intervalMs: pollIntervalMs,
  });

  return (
    <section className="page" aria-labelledby="booking-title">
      <h1 id="booking-title">Your booking</h1>
      <QueryView query={booking} loading="Loading your booking…" failed="This booking could not be loaded">
        {(data) => <BookingDetails booking={data} />}
      </QueryView>
      <p>
        <Link to="/bookings">All my bookings</Link>
      </p>
    </section>
  );
}

function Outcome({ booking }: { booking: Booking }) {
  if (!isSettled(booking)) {
    return (
      <div role="status" className="outcome outcome-pending">
        <span className="spinner" aria-hidden="true" />
        <p>
          <strong>{booking.status === "PENDING" ? "Pending" : "Cancelling"}</strong>:{" "}
          {booking.status === "PENDING"
            ? "we are securing your seats. This page updates by itself."
            : "your cancellation is being carried out."}
        </p>
      </div>
    );
  }
  switch (booking.status) {
    case "CONFIRMED":
      return (
        <div role="status" className="outcome outcome-confirmed">
          <p>
            <strong>Confirmed</strong>: your {booking.seats === 1 ? "seat is" : `${booking.seats} seats are`} booked.
          </p>
        </div>
      );
    case "FAILED":
      return (
        <div role="alert" className="outcome outcome-failed">
          <p>
            <strong>Failed</strong>: {failureText(booking.failure_reason)}
          </p>
          <p className="muted">Nothing was booked.</p>
        </div>
      );
    case "CANCELLED":
      return (
        <div role="status" className="outcome outcome-cancelled">
          <p>
            <strong>Cancelled</strong>: this booking has been cancelled
            {booking.failure_reason ? ` (${failureText(booking.failure_reason).replace(/^Sorry, /, "")})` : ""}.
          </p>
        </div>
      );
    default:
      return <p role="status">{booking.status}</p>;
  }
}

function BookingDetails({ booking }: { booking: Booking }) {
  return (
    <>
      <p className="muted small">
        Reference {booking.id} · <StatusBadge booking={booking} />
      </p>
      <Outcome booking={booking} />
      <BookingFlight booking={booking} />
      <p className="muted small">
        Booked {formatInstant(booking.created_at)}
        {booking.decided_at && ` · decided ${formatInstant(booking.decided_at)}`}
      </p>
      <CancelBooking booking={booking} />
    </>
  );
}
