import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { SyntheticEvent } from "react";
import { Link, useSearchParams } from "react-router";

import { usePageParam } from "../../hooks/usePageParam";
import { isSettled, statusText } from "../orders/status";
import { formatInstant, formatPrice } from "../../lib/format";
import { listAllBookings, type AdminBookingFilters } from "../../services/api";
import type { AdminBooking, BookingStatus } from "../../types/index";
import { StatusBadge, When } from "../orders/OrderDetails";
import PagedList from "../../components/PagedList";

const PAGE_SIZE = 20;
const STATUSES: BookingStatus[] = ["PENDING", "HELD", "CONFIRMED", "CANCELLED", "FAILED", "EXPIRED"];

function isStatus(value: string | null): value is BookingStatus {
  return STATUSES.includes(value as BookingStatus);
}

/** Every traveller's bookings, newest first, filtered by status, traveller and flight (filters
 * and page in the URL, so the flights table can link to one flight's bookings). The list
 * refreshes itself while one of its bookings is still being decided or cancelled. */
export default function BookingsTable() {
  const [params, setParams] = useSearchParams();
  const [page, setPage] = usePageParam();
  const status = params.get("status");
  const username = params.get("username") ?? "";
  const flightId = params.get("flight_id");
  const query: AdminBookingFilters = { page, page_size: PAGE_SIZE };
  if (isStatus(status)) query.status = status;
  if (username) query.username = username;
  if (flightId) query.flight_id = flightId;
  const bookings = useQuery({
    queryKey: ["admin", "bookings", query],
    queryFn: ({ signal }) => listAllBookings(query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (current) => (current.state.data?.data.some((booking) => !isSettled(booking)) ? 2000 : false),
  });

  const applyFilters = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    if (flightId) next.set("flight_id", flightId);
    for (const name of ["status", "username"]) {
      const entry = form.get(name);
      const value = typeof entry === "string" ? entry.trim() : "";
      if (value) next.set(name, value);
    }
    setParams(next);
  };
  const withoutFlight = new URLSearchParams(params);
  withoutFlight.delete("flight_id");
  withoutFlight.delete("page");
  const flight = bookings.data?.data[0]?.flight;

  return (
    <section aria-labelledby="admin-bookings-title">
      <h2 id="admin-bookings-title">Bookings</h2>
      <form
        className="filters booking-filters"
        role="search"
        aria-label="Filter bookings"
        onSubmit={applyFilters}
        key={params.toString()}
      >
        <div className="field">
          <label htmlFor="filter-username">Traveller (username)</label>
          <input id="filter-username" name="username" maxLength={32} defaultValue={username} />
        </div>
        <div className="field">
          <label htmlFor="filter-booking-status">Status</label>
          <select id="filter-booking-status" name="status" defaultValue={isStatus(status) ? status : ""}>
            <option value="">Any</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {statusText({ status: value })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Filter</button>
      </form>
      {flightId && (
        <p className="muted">
          On flight{" "}
          {flight?.id === flightId ? `${flight.flight_number} ${flight.source} → ${flight.destination}` : flightId}{" "}
          · <Link to={{ search: withoutFlight.toString() }}>Bookings on every flight</Link>
        </p>
      )}

      <PagedList
        query={bookings}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        label="Booking pages"
        loading="Loading bookings…"
        failed="The bookings could not be loaded"
        empty="No bookings match."
        counted={(count) => (count === 1 ? "1 booking" : `${count.toLocaleString()} bookings`)}
      >
        {(items) => (
          <div className="table-scroll">
            <table aria-labelledby="admin-bookings-title" className="stacked">
              <thead>
                <tr>
                  <th scope="col">Booked</th>
                  <th scope="col">Traveller</th>
                  <th scope="col">Flight</th>
                  <th scope="col">Departs</th>
                  <th scope="col">Seats</th>
                  <th scope="col">Total</th>
                  <th scope="col">Status</th>
                  <th scope="col">Booking</th>
                </tr>
              </thead>
              <tbody>
                {items.map((booking) => (
                  <BookingRow key={booking.id} booking={booking} params={params} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedList>
    </section>
  );
}

function BookingRow({ booking, params }: { booking: AdminBooking; params: URLSearchParams }) {
  const { flight } = booking;
  const booked = formatInstant(booking.created_at);
  const changed = formatInstant(booking.updated_at);
  const onThisFlight = new URLSearchParams(params);
  onThisFlight.set("flight_id", flight.id);
  onThisFlight.delete("page");
  return (
    <tr>
      <td data-label="Booked">
        {booked}
        {changed !== booked && <div className="muted small">updated {changed}</div>}
      </td>
      <td data-label="Traveller">{booking.username}</td>
      <td data-label="Flight">
        <Link to={{ search: onThisFlight.toString() }} title="This flight's bookings">
          {flight.flight_number}
        </Link>{" "}
        {flight.source} → {flight.destination}
      </td>
      <td data-label="Departs">
        <When iso={flight.departure_ts} />
      </td>
      <td data-label="Seats">{booking.seats}</td>
      <td data-label="Total">
        {formatPrice(booking.total_price, booking.currency)}
        {booking.seats > 1 && (
          <div className="muted small">
            {booking.seats} × {formatPrice(booking.unit_price, booking.currency)}
          </div>
        )}
      </td>
      <td data-label="Status">
        <StatusBadge order={booking} />
        {booking.failure_reason && <div className="muted small">{booking.failure_reason}</div>}
      </td>
      <td data-label="Booking" className="value">{booking.id}</td>
    </tr>
  );
}
