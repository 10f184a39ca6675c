import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";

import { BookingFlight, CancelBooking, StatusBadge } from "../components/BookingSummary";
import Loading from "../components/Loading";
import Pager from "../components/Pager";
import { failureText, isSettled } from "../lib/bookings";
import { formatErrorMessage } from "../lib/fieldErrors";
import { listBookings } from "../services/api";
import LoadError from "../components/LoadError";

const PAGE_SIZE = 10;

/** The logged-in user's bookings, newest first, a page at a time (the page in the URL). The list
 * refreshes itself while one of them is still being decided or cancelled. */
export default function MyBookingsPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  const bookings = useQuery({
    queryKey: ["bookings", "list", page],
    queryFn: ({ signal }) => listBookings(page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.data.some((booking) => !isSettled(booking)) ? 1000 : false),
  });

  return (
    <section className="page" aria-labelledby="bookings-title">
      <h1 id="bookings-title">My bookings</h1>
      {bookings.isPending ? (
        <Loading label="Loading your bookings…" />
      ) : bookings.isError ? (
        <LoadError
          message={`Your bookings could not be loaded: ${formatErrorMessage(bookings.error)}`}
          onRetry={() => {
            void bookings.refetch();
          }}
        />
      ) : bookings.data.count === 0 ? (
        <p role="status" className="empty">
          You have no bookings yet. <Link to="/">Search for a flight</Link>
        </p>
      ) : (
        <>
          <ul className="cards">
            {bookings.data.data.map((booking) => (
              <li key={booking.id} className="card" aria-label={`Booking on ${booking.flight.flight_number}`}>
                <div className="booking-head">
                  <StatusBadge booking={booking} />
                  <Link to={`/bookings/${booking.id}`}>Details</Link>
                </div>
                {booking.status === "FAILED" && <p className="field-error">{failureText(booking.failure_reason)}</p>}
                <BookingFlight booking={booking} />
                <CancelBooking booking={booking} />
              </li>
            ))}
          </ul>
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            count={bookings.data.count}
            label="Booking pages"
            onPage={(next) => {
              setParams(next === 1 ? {} : { page: String(next) });
            }}
          />
        </>
      )}
    </section>
  );
}
