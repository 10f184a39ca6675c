/** What a booking's status and failure reason mean to a traveller. */
import type { Booking } from "../../types/index";

/** The API's failure reasons (core/bookings.py) in words a traveller understands. */
const REASONS: [RegExp, string][] = [
  [/^sold out$/i, "Sorry, there are not enough seats left on this flight."],
  [/^flight cancelled$/i, "Sorry, this flight has been cancelled by the airline."],
  [/^flight departed$/i, "Sorry, this flight has already departed."],
  [/could not be processed/i, "Sorry, we could not process your booking. No seats were taken; please try again."],
];

export function failureText(reason: string | null | undefined): string {
  if (!reason) return "Sorry, your booking could not be completed.";
  return REASONS.find(([pattern]) => pattern.test(reason))?.[1] ?? `Sorry, your booking could not be completed (${reason}).`;
}

type BookingState = Pick<Booking, "status"> & { cancel_requested_at?: string | null };

/** Whether the booking will change no more: decided, and no cancel waiting to be carried out. */
export function isSettled(booking: BookingState): boolean {
  if (booking.status === "PENDING") return false;
  if (booking.status === "CONFIRMED") return !booking.cancel_requested_at;
  return true;
}

export function canCancel(booking: BookingState): boolean {
  return (booking.status === "PENDING" || booking.status === "CONFIRMED") && !booking.cancel_requested_at;
}

export function statusText(booking: BookingState): string {
  if (booking.cancel_requested_at && ["PENDING", "HELD", "CONFIRMED"].includes(booking.status))
    return "Cancelling…";
  switch (booking.status) {
    case "PENDING":
      return "Pending";
    case "HELD":
      return "Held";
    case "EXPIRED":
      return "Expired";
    case "CONFIRMED":
      return "Confirmed";
    case "FAILED":
      return "Failed";
    case "CANCELLED":
      return "Cancelled";
    default:
      return booking.status;
  }
}
