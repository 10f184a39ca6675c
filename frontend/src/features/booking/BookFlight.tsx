import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type SyntheticEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";

import { useAuth } from "../../auth/AuthContext";
import { formatErrorMessage } from "../../lib/fieldErrors";
import { formatPrice } from "../../lib/format";
import { loginPath } from "../../lib/next";
import { createBooking, newIdempotencyKey } from "../../services/api";
import type { FlightResult } from "../../types/index";
import SeatPicker, { validateSeats } from "./SeatPicker";

/**
 * Book seats on a flight from the results. One attempt has one Idempotency-Key: sending it again
 * (a double click, a retry after a network error) gets the same booking, never a second one; a
 * different number of seats is a new attempt with a new key. The booking page then follows it.
 */
export default function BookFlight({
  flight,
  initialSeats,
  onClose,
}: {
  flight: FlightResult;
  initialSeats: number;
  onClose: () => void;
}) {
  const auth = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const id = useId();
  const [seats, setSeats] = useState(Math.max(1, initialSeats));
  const [attemptKey, setAttemptKey] = useState(newIdempotencyKey);
  const [touched, setTouched] = useState(false);
  // Set from the first click until the attempt fails: a second click, even in the same instant
  // (before React re-renders), sends nothing more.
  const sending = useRef(false);
  const booking = useMutation({
    mutationFn: ({ count, key }: { count: number; key: string }) =>
      createBooking({ flight_id: flight.id, seats: count }, key),
    onError: () => {
      sending.current = false; // the same attempt (same key) may be tried again
    },
    onSuccess: (accepted) => {
      void navigate(`/bookings/${accepted.id}`);
    },
  });

  if (auth.status === "anonymous") {
    return (
      <div className="book-panel">
        <p>
          <Link to={loginPath(location.pathname + location.search)}>Log in to book</Link> — you will come back to these
          results.
        </p>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }

  const error = touched ? validateSeats(seats, flight.available_seats) : null;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setTouched(true);
    if (validateSeats(seats, flight.available_seats) !== null || sending.current) return;
    sending.current = true;
    booking.mutate({ count: seats, key: attemptKey });
  };

  return (
    <form className="book-panel" noValidate aria-label={`Book ${flight.flight_number}`} onSubmit={submit}>
      <SeatPicker
        id={`${id}-seats`}
        seats={seats}
        available={flight.available_seats}
        error={error}
        onChange={(next) => {
          setSeats(next);
          setTouched(true);
          setAttemptKey(newIdempotencyKey());
          booking.reset();
        }}
      />
      <p className="total">
        Total{" "}
        <strong>{Number.isInteger(seats) && seats > 0 ? formatPrice(Number(flight.price) * seats, flight.currency) : "—"}</strong>
      </p>
      {booking.isError && (
        <p role="alert" className="form-error">
          {formatErrorMessage(booking.error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={booking.isPending || auth.status !== "authenticated"}>
          {booking.isPending ? "Booking…" : "Confirm booking"}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
