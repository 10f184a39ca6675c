import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { BookingFlight, CancelBooking, StatusBadge } from "./BookingSummary";
import PagedList from "../../components/PagedList";
import { usePageParam } from "../../hooks/usePageParam";
import { failureText, isSettled } from "./bookings";
import { listBookings } from "../../services/api";

const PAGE_SIZE = 10;

/** The logged-in user's bookings, newest first, a page at a time (the page in the URL). The list
 * refreshes itself while one of them is still being decided or cancelled. */
export default function MyBookingsPage() {
  const [page, setPage] = usePageParam();
  const bookings = useQuery({
    queryKey: ["bookings", "list", page],
    queryFn: ({ signal }) => listBookings(page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.data.some((booking) => !isSettled(booking)) ? 1000 : false),
  });

  return (
    <section className="page" aria-labelledby="bookings-title">
      <h1 id="bookings-title">My bookings</h1>
      <PagedList
        query={bookings}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        label="Booking pages"
        loading="Loading your bookings…"
        failed="Your bookings could not be loaded"
        empty={
          <>
            You have no bookings yet. <Link to="/">Search for a flight</Link>
          </>
        }
      >
        {(items) => (
          <ul className="cards">
            {items.map((booking) => (
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
        )}
      </PagedList>
    </section>
  );
}
