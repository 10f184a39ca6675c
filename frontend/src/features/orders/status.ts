/** What an order's (or a booking's) status and failure reason mean to a traveller. */
import type { Order } from "../../types/index";

/** The API's failure reasons (core/bookings/models.py) in words a traveller understands. */
const REASONS: [RegExp, string][] = [
  [/^sold out$/i, "Sorry, there are not enough seats left on this flight."],
  [/^flight cancelled$/i, "Sorry, this flight has been cancelled by the airline."],
  [/^flight departed$/i, "Sorry, this flight has already departed."],
  [/^seat limit per traveller$/i, "Sorry, one account may not hold more seats on this flight."],
  [/could not be processed/i, "Sorry, we could not process your booking. No seats were taken; please try again."],
];

export function failureText(reason: string | null | undefined): string {
  if (!reason) return "Sorry, your booking could not be completed.";
  return REASONS.find(([pattern]) => pattern.test(reason))?.[1] ?? `Sorry, your booking could not be completed (${reason}).`;
}

export interface Decidable {
  status: string;
  cancel_requested_at?: string | null;
}

/** Whether the booking will change no more by itself: decided, and no cancel waiting to be
 * carried out. A HELD order changes when its hold lapses: see `holdLapsed`. */
export function isSettled(item: Decidable): boolean {
  if (item.status === "PENDING") return false;
  if (item.status === "HELD" || item.status === "CONFIRMED") return !item.cancel_requested_at;
  return true;
}

/** A HELD order whose expiry has passed on this clock: the worker is about to release it. */
export function holdLapsed(order: Pick<Order, "status" | "expires_at">, now = Date.now()): boolean {
  return order.status === "HELD" && order.expires_at !== null && Date.parse(order.expires_at) <= now;
}

/** Whether the order page should keep asking the API: until it is settled, and past a lapsed
 * hold until the worker has released it. */
export function isFinalOrder(order: Order): boolean {
  return isSettled(order) && !holdLapsed(order);
}

export function canCancelOrder(order: Order): boolean {
  return (order.status === "HELD" || order.status === "CONFIRMED") && !order.cancel_requested_at && !holdLapsed(order);
}

export function statusText(item: Decidable): string {
  if (item.cancel_requested_at && ["PENDING", "HELD", "CONFIRMED"].includes(item.status)) return "Cancelling…";
  switch (item.status) {
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
      return item.status;
  }
}

export function badgeClass(item: Decidable): string {
  const text = statusText(item);
  return `badge badge-${text === "Cancelling…" ? "pending" : item.status.toLowerCase()}`;
}
