import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type SyntheticEvent } from "react";
import { Link, useSearchParams } from "react-router";

import { useFocusReturn } from "../../hooks/useFocusReturn";
import { usePageParam } from "../../hooks/usePageParam";
import { formErrorsFrom, type FormErrors } from "../../lib/fieldErrors";
import { formatPrice, localTime, typedPrice, zonedToIso, zoneLabel } from "../../lib/format";
import { cancelFlight, editFlight, listFlights, type FlightFilters } from "../../services/api";
import type { FlightPublic, FlightStatus, FlightUpdate } from "../../types/index";
import ConfirmCancel from "../../components/ConfirmCancel";
import PagedList from "../../components/PagedList";
import TextField from "../../components/TextField";
import { MAX_SEATS } from "./FlightForm";

const PAGE_SIZE = 20;
const FILTERS = ["source", "destination", "flight_number", "status", "departs_from", "departs_until", "sort"] as const;
// Kept as typed: codes and flight numbers are upper case, the others are values as they are.
const AS_TYPED: readonly string[] = ["status", "departs_from", "departs_until", "sort"];

/** Every flight, filtered and paged (filters in the URL), with edit and cancel. */
export default function FlightsTable() {
  const [params, setParams] = useSearchParams();
  const [page, setPage] = usePageParam();
  const query: FlightFilters = { page, page_size: PAGE_SIZE };
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) Object.assign(query, { [name]: value });
  }
  const flights = useQuery({
    queryKey: ["admin", "flights", query],
    queryFn: ({ signal }) => listFlights(query, signal),
    placeholderData: keepPreviousData,
  });

  const applyFilters = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const entry = form.get(name);
      const value = typeof entry === "string" ? entry.trim() : "";
      if (!value || (name === "sort" && value === "departure")) continue; // the default
      next.set(name, AS_TYPED.includes(name) ? value : value.toUpperCase());
    }
    setParams(next);
  };

  const latestFirst = params.get("sort") === "-departure";
  const toggleOrder = () => {
    const next = new URLSearchParams(params);
    next.delete("page");
    if (latestFirst) next.delete("sort");
    else next.set("sort", "-departure");
    setParams(next);
  };

  return (
    <section aria-labelledby="flights-title">
      <h2 id="flights-title">Flights</h2>
      <form className="filters" role="search" aria-label="Filter flights" onSubmit={applyFilters} key={params.toString()}>
        <div className="field">
          <label htmlFor="filter-source">From</label>
          <input id="filter-source" name="source" maxLength={3} defaultValue={params.get("source") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-destination">To</label>
          <input id="filter-destination" name="destination" maxLength={3} defaultValue={params.get("destination") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-number">Flight number</label>
          <input id="filter-number" name="flight_number" maxLength={10} defaultValue={params.get("flight_number") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">Any</option>
            <option value="SCHEDULED">Scheduled</option>
            <option value="CANCELLED">Cancelled</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-from">Departing from</label>
          <input id="filter-from" name="departs_from" type="date" defaultValue={params.get("departs_from") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-until">Departing until</label>
          <input id="filter-until" name="departs_until" type="date" defaultValue={params.get("departs_until") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-sort">Order</label>
          <select id="filter-sort" name="sort" defaultValue={params.get("sort") ?? "departure"}>
            <option value="departure">Earliest first</option>
            <option value="-departure">Latest first</option>
          </select>
        </div>
        <button type="submit">Filter</button>
      </form>

      <PagedList
        query={flights}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        label="Flight pages"
        loading="Loading flights…"
        failed="The flights could not be loaded"
        empty="No flights match."
        counted={(count) => (count === 1 ? "1 flight" : `${String(count)} flights`)}
      >
        {(items) => (
          <div className="table-scroll">
            <table aria-labelledby="flights-title" className="stacked admin-flights">
              <thead>
                <tr>
                  <th scope="col">Flight</th>
                  <th scope="col">From</th>
                  <th scope="col" aria-sort={latestFirst ? "descending" : "ascending"}>
                    <button type="button" className="sort" onClick={toggleOrder}>
                      Departs (local) <span aria-hidden="true">{latestFirst ? "▼" : "▲"}</span>
                    </button>
                  </th>
                  <th scope="col">To</th>
                  <th scope="col">Arrives (local)</th>
                  <th scope="col">Seats left</th>
                  <th scope="col">Price</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              {items.map((flight) => (
                <FlightRows key={flight.id} flight={flight} />
              ))}
            </table>
          </div>
        )}
      </PagedList>
    </section>
  );
}

/** The airport's wall-clock time as <input type="datetime-local"> takes it: the API gives each
 * time in its airport's local time with the offset, so it is read from the text itself. */
function wallClock(iso: string): string {
  const { date, time } = localTime(iso);
  return `${date}T${time}`;
}

/** The airport's date and time, with the zone's abbreviation and offset ("BST, UTC+1"). */
function LocalTime({ iso, zone }: { iso: string; zone: string }) {
  return (
    <>
      <time dateTime={iso}>{wallClock(iso).replace("T", " ")}</time>
      <div className="muted small" title={zone}>
        {zoneLabel(iso, zone)}
      </div>
    </>
  );
}

const COLUMNS = 9;

/** One flight: its row, and below it the edit form or the cancel question when open. */
function FlightRows({ flight }: { flight: FlightPublic }) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"view" | "edit" | "confirm-cancel">("view");
  const [editRef, focusEdit] = useFocusReturn<HTMLButtonElement>();
  const [cancelRef, focusCancel] = useFocusReturn<HTMLButtonElement>();
  const cancel = useMutation({
    mutationFn: () => cancelFlight(flight.id),
    onSuccess: () => {
      setMode("view");
      void queryClient.invalidateQueries({ queryKey: ["admin", "flights"] });
    },
  });
  const status: FlightStatus = flight.status;
  const label = `${flight.flight_number} ${flight.source} to ${flight.destination}`;

  return (
    <tbody aria-label={label}>
      <tr>
        <th scope="row" data-label="Flight">
          {flight.flight_number}
        </th>
        <td data-label="From">{flight.source}</td>
        <td data-label="Departs">
          <LocalTime iso={flight.departure_ts} zone={flight.departure_tz} />
        </td>
        <td data-label="To">{flight.destination}</td>
        <td data-label="Arrives">
          <LocalTime iso={flight.arrival_ts} zone={flight.arrival_tz} />
        </td>
        <td data-label="Seats left">
          {flight.available_seats} of {flight.total_seats}
          {flight.seats_sold_outside > 0 && <div className="muted small">{flight.seats_sold_outside} sold elsewhere</div>}
        </td>
        <td data-label="Price">{formatPrice(flight.price, flight.currency)}</td>
        <td data-label="Status">
          <span className={`badge badge-${status.toLowerCase()}`}>{status === "SCHEDULED" ? "Scheduled" : "Cancelled"}</span>
        </td>
        <td className="actions-cell">
          <div className="actions">
            <Link to={`/admin/bookings?flight_id=${flight.id}`}>Bookings</Link>
            {status === "SCHEDULED" && mode === "view" && (
              <>
                <button
                  ref={editRef}
                  type="button"
                  onClick={() => {
                    setMode("edit");
                  }}
                >
                  Edit
                </button>
                <button
                  ref={cancelRef}
                  type="button"
                  onClick={() => {
                    setMode("confirm-cancel");
                  }}
                >
                  Cancel flight
                </button>
              </>
            )}
          </div>
        </td>
      </tr>
      {mode !== "view" && (
        <tr className="row-panel">
          <td colSpan={COLUMNS}>
            {mode === "confirm-cancel" ? (
              <ConfirmCancel
                label={`Cancel ${flight.flight_number}?`}
                question={`Cancel ${flight.flight_number}? It can no longer be booked; its bookings are cancelled and travellers see why.`}
                confirmText="Yes, cancel the flight"
                pending={cancel.isPending}
                error={cancel.error}
                onConfirm={() => {
                  cancel.mutate();
                }}
                onKeep={() => {
                  setMode("view");
                  focusCancel();
                }}
              />
            ) : (
              <EditFlight
                flight={flight}
                onDone={() => {
                  setMode("view");
                  focusEdit();
                }}
              />
            )}
          </td>
        </tr>
      )}
    </tbody>
  );
}

type EditField = "price" | "total_seats" | "departure_ts" | "arrival_ts";

/** Edit price, total seats and times; times are typed as local time at each airport. */
function EditFlight({ flight, onDone }: { flight: FlightPublic; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [price, setPrice] = useState(flight.price);
  const [seats, setSeats] = useState(String(flight.total_seats));
  const [departure, setDeparture] = useState(wallClock(flight.departure_ts));
  const [arrival, setArrival] = useState(wallClock(flight.arrival_ts));
  const [errors, setErrors] = useState<FormErrors<EditField>>({ fields: {} });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector("input")?.focus(); // the form replaced the Edit button
  }, []);
  const save = useMutation({
    mutationFn: (changes: FlightUpdate) => editFlight(flight.id, changes),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["admin", "flights"] });
      onDone();
    },
    onError: (error) => {
      setErrors(formErrorsFrom(error, ["price", "total_seats", "departure_ts", "arrival_ts"] as const));
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const fields: Partial<Record<EditField, string>> = {};
    const changes: FlightUpdate = {};
    const typed = typedPrice(price);
    if (typed === null) fields.price = "A price of 0 or more, with at most 2 decimals.";
    else if (Number(typed) !== Number(flight.price)) changes.price = typed;
    const total = Number(seats);
    if (!Number.isInteger(total) || total < 1 || total > MAX_SEATS) fields.total_seats = `Between 1 and ${MAX_SEATS} seats.`;
    else if (total !== flight.total_seats) changes.total_seats = total;
    if (!departure) fields.departure_ts = "Enter the departure date and time.";
    if (!arrival) fields.arrival_ts = "Enter the arrival date and time.";
    if (departure && arrival) {
      const departs = zonedToIso(departure, flight.departure_tz);
      const arrives = zonedToIso(arrival, flight.arrival_tz);
      if (Date.parse(arrives) <= Date.parse(departs)) fields.arrival_ts = "The arrival must be after the departure.";
      if (Date.parse(departs) !== Date.parse(flight.departure_ts)) changes.departure_ts = departs;
      if (Date.parse(arrives) !== Date.parse(flight.arrival_ts)) changes.arrival_ts = arrives;
    }
    setErrors({ fields });
    if (Object.keys(fields).length > 0) return;
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    save.mutate(changes);
  };

  const id = `edit-${flight.id}`;
  return (
    <form ref={form} noValidate className="edit-flight" aria-label={`Edit ${flight.flight_number}`} onSubmit={submit}>
      {errors.form && (
        <p role="alert" className="form-error">
          {errors.form}
        </p>
      )}
      <TextField
        id={`${id}-price`}
        label="Price per seat"
        inputMode="decimal"
        hint={`In ${flight.currency}`}
        value={price}
        onChange={(event) => {
          setPrice(event.target.value);
        }}
        error={errors.fields.price}
      />
      <TextField
        id={`${id}-seats`}
        label="Total seats"
        type="number"
        hint={`${flight.total_seats - flight.available_seats} sold`}
        value={seats}
        onChange={(event) => {
          setSeats(event.target.value);
        }}
        error={errors.fields.total_seats}
      />
      <TextField
        id={`${id}-departure`}
        label="Departure (local time)"
        type="datetime-local"
        hint={`At ${flight.source}, ${flight.departure_tz}`}
        value={departure}
        onChange={(event) => {
          setDeparture(event.target.value);
        }}
        error={errors.fields.departure_ts}
      />
      <TextField
        id={`${id}-arrival`}
        label="Arrival (local time)"
        type="datetime-local"
        hint={`At ${flight.destination}, ${flight.arrival_tz}`}
        value={arrival}
        onChange={(event) => {
          setArrival(event.target.value);
        }}
        error={errors.fields.arrival_ts}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save changes"}
        </button>
        <button type="button" onClick={onDone}>
          Close
        </button>
      </div>
    </form>
  );
}
