import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type SyntheticEvent } from "react";

import { useSiteConfig } from "../../hooks/useSiteConfig";
import { formErrorsFrom, humanise, type FormErrors } from "../../lib/fieldErrors";
import { formatPrice, typedPrice, zonedToIso } from "../../lib/format";
import { ApiError, createFlight } from "../../services/api";
import type { Airport, FlightPublic } from "../../types/index";
import AirportCombobox from "../search/AirportCombobox";
import FormAlert from "../../components/FormAlert";
import TextField from "../../components/TextField";
import { useForm } from "../../hooks/useForm";

/** The API's rules for a flight (core/models.py FlightBase), checked here first for quick answers. */
export const FLIGHT_NUMBER = /^(?:[A-Z]{2}|[A-Z][0-9]|[0-9][A-Z])[0-9]{1,4}[A-Z]?$/;
export const MAX_SEATS = 1000;
const FLIGHT_NUMBER_HINT = "Use the airline's 2-character code and up to 4 digits, e.g. BA117.";

export type FlightField =
  | "flight_number"
  | "source"
  | "destination"
  | "departure_ts"
  | "arrival_ts"
  | "total_seats"
  | "price";
const FIELDS: readonly FlightField[] = [
  "flight_number",
  "source",
  "destination",
  "departure_ts",
  "arrival_ts",
  "total_seats",
  "price",
];

export interface FlightDraft {
  flightNumber: string;
  source: Airport | null;
  destination: Airport | null;
  /** wall-clock "YYYY-MM-DDTHH:MM" at the departure airport */
  departure: string;
  /** wall-clock at the arrival airport */
  arrival: string;
  totalSeats: string;
  price: string;
}

/** What is wrong with the draft, per API field; empty when it can be sent. */
export function validateFlight(draft: FlightDraft): Partial<Record<FlightField, string>> {
  const errors: Partial<Record<FlightField, string>> = {};
  const number = draft.flightNumber.trim().toUpperCase();
  if (!number) errors.flight_number = "Enter the flight number.";
  else if (!FLIGHT_NUMBER.test(number))
    errors.flight_number = FLIGHT_NUMBER_HINT;
  if (!draft.source) errors.source = "Choose the departure airport from the list.";
  if (!draft.destination) errors.destination = "Choose the arrival airport from the list.";
  else if (draft.source?.code === draft.destination.code)
    errors.destination = "Choose an arrival airport other than the departure.";
  if (!draft.departure) errors.departure_ts = "Enter the departure date and time.";
  if (!draft.arrival) errors.arrival_ts = "Enter the arrival date and time.";
  if (draft.source && draft.destination && draft.departure && draft.arrival && !errors.destination) {
    const departs = Date.parse(zonedToIso(draft.departure, draft.source.timezone));
    const arrives = Date.parse(zonedToIso(draft.arrival, draft.destination.timezone));
    if (arrives <= departs) errors.arrival_ts = "The arrival must be after the departure (both in local time).";
  }
  const seats = Number(draft.totalSeats);
  if (draft.totalSeats.trim() === "") errors.total_seats = "Enter the number of seats.";
  else if (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS)
    errors.total_seats = `Between 1 and ${MAX_SEATS} seats.`;
  if (draft.price.trim() === "") errors.price = "Enter the price.";
  else if (typedPrice(draft.price) === null) errors.price = "A price of 0 or more, with at most 2 decimals.";
  return errors;
}

/** Messages the API gives about the whole flight, and the field each belongs to. */
const WHOLE_FLIGHT_RULES: [RegExp, FlightField][] = [
  [/source and destination/i, "destination"],
  [/arrival_ts must be after/i, "arrival_ts"],
];

/** The API's refusal put on the fields it is about; what concerns no field goes to the form. */
export function flightErrorsFrom(error: unknown): FormErrors<FlightField> {
  if (error instanceof ApiError && error.status === 409) {
    return { fields: { flight_number: humanise(error.message) } };
  }
  if (!(error instanceof ApiError) || error.status !== 422 || typeof error.detail === "string") {
    return formErrorsFrom(error, FIELDS);
  }
  const result: FormErrors<FlightField> = { fields: {} };
  const rest: string[] = [];
  for (const issue of error.detail) {
    const named = FIELDS.find((field) => field === issue.loc[issue.loc.length - 1]);
    const field = named ?? WHOLE_FLIGHT_RULES.find(([pattern]) => pattern.test(issue.msg))?.[1];
    const message =
      named === "flight_number" && issue.type === "string_pattern_mismatch"
        ? FLIGHT_NUMBER_HINT
        : humanise(issue.msg).replace(/(\w)_ts\b/g, "$1");
    if (field === undefined) rest.push(message);
    else result.fields[field] ??= message;
  }
  if (rest.length > 0) result.form = rest.join(" ");
  return result;
}

const EMPTY: FlightDraft = {
  flightNumber: "",
  source: null,
  destination: null,
  departure: "",
  arrival: "",
  totalSeats: "",
  price: "",
};

/** Add one flight: airports from suggestions, times as local at each airport. */
export default function FlightForm() {
  const queryClient = useQueryClient();
  const { values: draft, setValues: setDraft, errors, setErrors, check, set } = useForm<FlightDraft, FlightField>(
    EMPTY,
    validateFlight,
  );
  const [created, setCreated] = useState<FlightPublic | null>(null);
  const [formKey, setFormKey] = useState(0);
  // The price is typed in the deployment's currency; the hint names it once known.
  const config = useSiteConfig();

  const mutation = useMutation({
    mutationFn: createFlight,
    onSuccess: (flight) => {
      setCreated(flight);
      setDraft(EMPTY);
      setFormKey((key) => key + 1);
      void queryClient.invalidateQueries({ queryKey: ["admin", "flights"] });
    },
    onError: (error) => {
      setErrors(flightErrorsFrom(error));
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setCreated(null);
    const { source, destination } = draft;
    if (!check() || !source || !destination) return;
    mutation.mutate({
      flight_number: draft.flightNumber.trim().toUpperCase(),
      source: source.code,
      destination: destination.code,
      departure_ts: zonedToIso(draft.departure, source.timezone),
      arrival_ts: zonedToIso(draft.arrival, destination.timezone),
      total_seats: Number(draft.totalSeats),
      price: typedPrice(draft.price) ?? draft.price.trim(),
    });
  };
  return (
    <section aria-labelledby="add-flight-title">
      <h2 id="add-flight-title">Add a flight</h2>
      {created && (
        <p role="status" className="success">
          Flight {created.flight_number} {created.source} → {created.destination} added: {created.total_seats} seats at{" "}
          {formatPrice(created.price, created.currency)}.
        </p>
      )}
      <form noValidate onSubmit={submit} className="flight-form" key={formKey}>
        <FormAlert message={errors.form} />
        <TextField
          id="flight-number"
          label="Flight number"
          hint="e.g. BA117"
          autoCapitalize="characters"
          value={draft.flightNumber}
          onChange={set("flightNumber")}
          error={errors.fields.flight_number}
        />
        <AirportCombobox
          airportsOnly
          label="Departure airport"
          name="source"
          error={errors.fields.source}
          onSelect={(airport) => {
            setDraft((current) => ({ ...current, source: airport }));
          }}
        />
        <AirportCombobox
          airportsOnly
          label="Arrival airport"
          name="destination"
          error={errors.fields.destination}
          onSelect={(airport) => {
            setDraft((current) => ({ ...current, destination: airport }));
          }}
        />
        <TextField
          id="flight-departure"
          label="Departure (local time)"
          type="datetime-local"
          hint={draft.source ? `At ${draft.source.code}, ${draft.source.timezone}` : "At the departure airport"}
          value={draft.departure}
          onChange={set("departure")}
          error={errors.fields.departure_ts}
        />
        <TextField
          id="flight-arrival"
          label="Arrival (local time)"
          type="datetime-local"
          hint={
            draft.destination ? `At ${draft.destination.code}, ${draft.destination.timezone}` : "At the arrival airport"
          }
          value={draft.arrival}
          onChange={set("arrival")}
          error={errors.fields.arrival_ts}
        />
        <TextField
          id="flight-seats"
          label="Seats"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_SEATS}
          value={draft.totalSeats}
          onChange={set("totalSeats")}
          error={errors.fields.total_seats}
        />
        <TextField
          id="flight-price"
          label="Price per seat"
          inputMode="decimal"
          hint={config.data && `In ${config.data.currency}`}
          value={draft.price}
          onChange={set("price")}
          error={errors.fields.price}
        />
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? "Adding…" : "Add flight"}
        </button>
      </form>
    </section>
  );
}
