import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type SyntheticEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";

import FormAlert from "../../components/FormAlert";
import LoadError from "../../components/LoadError";
import Loading from "../../components/Loading";
import TextField from "../../components/TextField";
import { formatErrorMessage, humanise } from "../../lib/fieldErrors";
import { formatPrice } from "../../lib/format";
import { ApiError, createOrder, newIdempotencyKey } from "../../services/api";
import type { FlightResult } from "../../types/index";
import { When } from "./OrderDetails";
import {
  EMPTY_PASSENGER,
  TYPE_LABELS,
  emailError,
  lapError,
  passengerErrors,
  seatsFor,
  type PassengerErrors,
  type PassengerField,
  type PassengerForm,
} from "./passengers";
import { tripTotal, useFlights } from "./useFlights";

const MAX_PASSENGERS = 9;
const MAX_FLIGHTS = 8; // a round trip with two stops each way, or four one-stop slices

interface Errors {
  passengers: PassengerErrors[];
  email?: string;
  form?: string;
}

/** The API's 422 issues put on the fields they name (`["body", "passengers", 1, "family_name"]`);
 * anything else is the form's message. */
function errorsFromApi(error: unknown): Errors {
  const errors: Errors = { passengers: [] };
  if (!(error instanceof ApiError) || typeof error.detail === "string") {
    errors.form = formatErrorMessage(error);
    return errors;
  }
  const rest: string[] = [];
  for (const issue of error.detail) {
    const [, where, index, field] = issue.loc;
    if (where === "passengers" && typeof index === "number" && typeof field === "string") {
      errors.passengers[index] = { ...errors.passengers[index], [field as PassengerField]: humanise(issue.msg) };
    } else if (where === "contact_email") {
      errors.email = "Enter an e-mail address such as name@example.com";
    } else {
      rest.push(humanise(issue.msg));
    }
  }
  if (rest.length > 0) errors.form = rest.join(" ");
  return errors;
}

/**
 * The checkout: the chosen flights (read live), a form per passenger, a contact e-mail and the
 * total. Sending it asks for the seats to be held; the order page then follows the order. One
 * attempt has one Idempotency-Key (a double click or a retry gets the same order); any change
 * to the form is a new attempt.
 */
export default function CheckoutPage() {
  const [params] = useSearchParams();
  const ids = (params.get("flights") ?? "").split(",").filter(Boolean).slice(0, MAX_FLIGHTS);
  const wanted = Math.min(Math.max(Number(params.get("passengers")) || 1, 1), MAX_PASSENGERS);
  const { flights, error, refetch } = useFlights(ids);

  return (
    <section className="page" aria-labelledby="checkout-title">
      <h1 id="checkout-title">Who is flying?</h1>
      {ids.length === 0 ? (
        <p>
          No flight chosen. <Link to="/">Search for a flight</Link>
        </p>
      ) : error ? (
        <LoadError message={`Your flights could not be loaded: ${formatErrorMessage(error)}`} onRetry={refetch} />
      ) : flights ? (
        <CheckoutForm flights={flights} initialPassengers={wanted} />
      ) : (
        <Loading label="Loading your flights…" />
      )}
    </section>
  );
}

function CheckoutForm({ flights, initialPassengers }: { flights: FlightResult[]; initialPassengers: number }) {
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  const [passengers, setPassengers] = useState<PassengerForm[]>(() =>
    Array.from({ length: initialPassengers }, () => ({ ...EMPTY_PASSENGER })),
  );
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<Errors>({ passengers: [] });
  const [attemptKey, setAttemptKey] = useState(newIdempotencyKey);
  const sending = useRef(false);
  const order = useMutation({
    mutationFn: () =>
      createOrder(
        {
          flight_ids: flights.map((flight) => flight.id),
          passengers: passengers.map((p) => ({
            given_name: p.given_name.trim(),
            family_name: p.family_name.trim(),
            type: p.type,
            date_of_birth: p.date_of_birth || null,
          })),
          contact_email: email.trim(),
        },
        attemptKey,
      ),
    onError: (error) => {
      sending.current = false;
      setErrors(errorsFromApi(error));
    },
    onSuccess: (accepted) => {
      void navigate(`/orders/${accepted.id}`);
    },
  });

  // After a refused attempt, the first field with an error takes the focus.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const changed = () => {
    setAttemptKey(newIdempotencyKey());
    order.reset();
  };
  const update = (index: number, field: PassengerField, value: string) => {
    setPassengers((current) => current.map((p, i) => (i === index ? { ...p, [field]: value } : p)));
    changed();
  };

  const first = flights[0];
  const last = flights[flights.length - 1];
  if (!first || !last) return null;
  const days = {
    firstDay: first.departure_ts.slice(0, 10),
    lastDay: last.departure_ts.slice(0, 10),
    today: new Date().toISOString().slice(0, 10),
  };
  const seats = seatsFor(passengers);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Errors = { passengers: passengers.map((p) => passengerErrors(p, days)) };
    const email_ = emailError(email);
    if (email_) found.email = email_;
    const lap = lapError(passengers);
    if (lap) found.form = lap;
    const short = flights.find((flight) => flight.available_seats < seats);
    if (short) found.form = `${short.flight_number} has ${String(short.available_seats)} seats left: remove passengers or choose another flight`;
    setErrors(found);
    const clean = found.passengers.every((p) => Object.keys(p).length === 0) && !found.email && !found.form;
    if (!clean || sending.current) return;
    sending.current = true;
    order.mutate();
  };

  return (
    <form ref={form} noValidate onSubmit={submit} aria-label="Passengers and contact">
      <section aria-labelledby="checkout-flights" className="card">
        <h2 id="checkout-flights">Your flights</h2>
        <ol className="segments">
          {flights.map((flight) => (
            <li key={flight.id} className="segment">
              <strong>
                {flight.flight_number} · {flight.source} → {flight.destination}
              </strong>
              <span>
                Departs <When iso={flight.departure_ts} />, arrives <When iso={flight.arrival_ts} />
              </span>
              <span className="muted small">{formatPrice(flight.price, flight.currency)} per seat</span>
            </li>
          ))}
        </ol>
      </section>

      {passengers.map((passenger, index) => (
        <PassengerFieldset
          key={index}
          index={index}
          passenger={passenger}
          errors={errors.passengers[index] ?? {}}
          onChange={(field, value) => {
            update(index, field, value);
          }}
          onRemove={
            passengers.length > 1
              ? () => {
                  setPassengers((current) => current.filter((_, i) => i !== index));
                  setErrors((current) => ({ ...current, passengers: current.passengers.filter((_, i) => i !== index) }));
                  changed();
                }
              : undefined
          }
        />
      ))}
      {passengers.length < MAX_PASSENGERS && (
        <button
          type="button"
          className="add-passenger"
          onClick={() => {
            setPassengers((current) => [...current, { ...EMPTY_PASSENGER }]);
            changed();
          }}
        >
          Add a passenger
        </button>
      )}

      <TextField
        id="contact-email"
        label="E-mail for the booking confirmation"
        type="email"
        autoComplete="email"
        value={email}
        error={errors.email}
        onChange={(event) => {
          setEmail(event.target.value);
          changed();
        }}
      />

      <p className="total">
        {seats === 1 ? "1 seat" : `${String(seats)} seats`} on {flights.length === 1 ? "1 flight" : `${String(flights.length)} flights`}:{" "}
        <strong>{formatPrice(tripTotal(flights, seats), first.currency)}</strong>
      </p>
      <FormAlert message={errors.form} />
      <p className="muted small">Your seats are held for you to pay on the next page.</p>
      <button type="submit" className="primary" disabled={order.isPending}>
        {order.isPending ? "Holding your seats…" : "Hold these seats"}
      </button>
    </form>
  );
}

function PassengerFieldset({
  index,
  passenger,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  passenger: PassengerForm;
  errors: PassengerErrors;
  onChange: (field: PassengerField, value: string) => void;
  onRemove?: () => void;
}) {
  const id = `passenger-${String(index)}`;
  return (
    <fieldset className="card passenger">
      <legend>Passenger {index + 1}</legend>
      <TextField
        id={`${id}-given`}
        label="Given names"
        autoComplete={index === 0 ? "given-name" : "off"}
        value={passenger.given_name}
        error={errors.given_name}
        onChange={(event) => {
          onChange("given_name", event.target.value);
        }}
      />
      <TextField
        id={`${id}-family`}
        label="Family name"
        autoComplete={index === 0 ? "family-name" : "off"}
        value={passenger.family_name}
        error={errors.family_name}
        onChange={(event) => {
          onChange("family_name", event.target.value);
        }}
      />
      <div className="field">
        <label htmlFor={`${id}-type`}>Travels as</label>
        <select
          id={`${id}-type`}
          value={passenger.type}
          aria-invalid={errors.type !== undefined}
          aria-describedby={errors.type ? `${id}-type-error` : undefined}
          onChange={(event) => {
            onChange("type", event.target.value);
          }}
        >
          {Object.entries(TYPE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {errors.type && (
          <p id={`${id}-type-error`} className="field-error">
            {errors.type}
          </p>
        )}
      </div>
      <TextField
        id={`${id}-born`}
        label="Date of birth"
        type="date"
        hint={passenger.type === "ADULT" ? "Optional for adults" : "Needed for children and infants"}
        value={passenger.date_of_birth}
        error={errors.date_of_birth}
        onChange={(event) => {
          onChange("date_of_birth", event.target.value);
        }}
      />
      {onRemove && (
        <button type="button" className="link" onClick={onRemove}>
          Remove passenger {index + 1}
        </button>
      )}
    </fieldset>
  );
}
