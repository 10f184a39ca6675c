/**
 * The checkout's passenger rules, checked in the browser before anything is sent so that each
 * mistake shows on its field. They mirror the API's (core/orders/schemas.py and
 * core/orders/service.py), which has the final word.
 */
import type { PassengerType } from "../../types/index";

export interface PassengerForm {
  given_name: string;
  family_name: string;
  type: PassengerType;
  date_of_birth: string;
}

export type PassengerField = keyof PassengerForm;
export type PassengerErrors = Partial<Record<PassengerField, string>>;

export const EMPTY_PASSENGER: PassengerForm = { given_name: "", family_name: "", type: "ADULT", date_of_birth: "" };

export const TYPE_LABELS: Record<PassengerType, string> = {
  ADULT: "Adult (12+)",
  CHILD: "Child (2–11)",
  INFANT: "Infant (under 2, on a lap)",
};

// Letters of any script, with single spaces, hyphens, apostrophes or periods between them.
const NAME = /^\p{L}[\p{L}\p{M}]*(?:[ '’.-]{1,2}\p{L}[\p{L}\p{M}]*)*\.?$/u;

function nameError(value: string, what: string): string | undefined {
  const name = value.trim().split(/\s+/).join(" ");
  if (name === "") return `Enter the ${what} as on the passport`;
  if (name.length > 50) return `At most 50 characters`;
  if (!NAME.test(name)) return "Use letters, with spaces, hyphens or apostrophes between them (no digits)";
  return undefined;
}

/** Whole years from a date of birth to a day (both YYYY-MM-DD). */
export function ageOn(born: string, day: string): number {
  const [by = 0, bm = 0, bd = 0] = born.split("-").map(Number);
  const [y = 0, m = 0, d = 0] = day.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * A passenger's errors, per field. `firstDay` and `lastDay` are the UTC dates of the first and
 * last flights' departures: a child or an infant needs a date of birth; on the first flight an
 * adult is 12 or older and a child 2 to 11; an infant is under 2 on every flight.
 */
export function passengerErrors(
  passenger: PassengerForm,
  { firstDay, lastDay, today }: { firstDay: string; lastDay: string; today: string },
): PassengerErrors {
  const errors: PassengerErrors = {};
  const given = nameError(passenger.given_name, "given name");
  const family = nameError(passenger.family_name, "family name");
  if (given) errors.given_name = given;
  if (family) errors.family_name = family;
  const born = passenger.date_of_birth;
  if (born === "") {
    if (passenger.type !== "ADULT") errors.date_of_birth = "Enter the date of birth of a child or an infant";
    return errors;
  }
  if (born < "1900-01-01" || born > today) {
    errors.date_of_birth = "Enter a date of birth from 1900 to today";
    return errors;
  }
  const age = ageOn(born, firstDay);
  const old = `${age === 1 ? "1 year" : `${String(age)} years`} old on the first flight`;
  if (passenger.type === "INFANT" && ageOn(born, lastDay) >= 2) {
    errors.type = "An infant is under 2 on every flight: choose Child (with a seat)";
  } else if (passenger.type === "CHILD" && (age < 2 || age > 11)) {
    errors.type = `${old}: choose ${age < 2 ? "Infant" : "Adult"}`;
  } else if (passenger.type === "ADULT" && age < 12) {
    errors.type = `${old}: choose ${age < 2 ? "Infant or Child" : "Child"}`;
  }
  return errors;
}

/** The order's own rule: each infant travels on an adult's lap. */
export function lapError(passengers: PassengerForm[]): string | undefined {
  const adults = passengers.filter((p) => p.type === "ADULT").length;
  const infants = passengers.filter((p) => p.type === "INFANT").length;
  return infants > adults ? "Each infant travels on an adult's lap: add an adult for each infant" : undefined;
}

/** Seats the order takes on each flight: infants take none. */
export function seatsFor(passengers: PassengerForm[]): number {
  return passengers.filter((p) => p.type !== "INFANT").length;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailError(email: string): string | undefined {
  if (email.trim() === "") return "Enter an e-mail address for the booking confirmation";
  return EMAIL.test(email.trim()) ? undefined : "Enter an e-mail address such as name@example.com";
}
