import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import PagedList from "../../components/PagedList";
import { usePageParam } from "../../hooks/usePageParam";
import { formatPrice } from "../../lib/format";
import { listOrders } from "../../services/api";
import { StatusBadge, When } from "./OrderDetails";
import { failureText, isSettled } from "./status";

const PAGE_SIZE = 10;

/** The logged-in traveller's bookings, newest first, a page at a time (the page in the URL);
 * the list refreshes itself while one of them is still being decided or cancelled. */
export default function MyOrdersPage() {
  const [page, setPage] = usePageParam();
  const orders = useQuery({
    queryKey: ["orders", "list", page],
    queryFn: ({ signal }) => listOrders(page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.data.some((order) => !isSettled(order)) ? 1000 : false),
  });

  return (
    <section className="page" aria-labelledby="orders-title">
      <h1 id="orders-title">My bookings</h1>
      <PagedList
        query={orders}
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
            {items.map((order) => (
              <li key={order.id} className="card" aria-label={`Booking ${order.reference}`}>
                <div className="booking-head">
                  <Link to={`/orders/${order.id}`} className="reference-link">
                    {order.reference}
                  </Link>
                  <StatusBadge order={order} />
                </div>
                {order.status === "FAILED" && <p className="field-error">{failureText(order.failure_reason)}</p>}
                <ul className="plain">
                  {order.segments.map((segment) => (
                    <li key={segment.booking_id}>
                      {segment.flight_number} · {segment.source} → {segment.destination} ·{" "}
                      <When iso={segment.departure_ts} />
                    </li>
                  ))}
                </ul>
                <p className="muted small">
                  {order.passengers.length > 0
                    ? order.passengers.map((p) => `${p.given_name} ${p.family_name}`).join(", ")
                    : `${String(order.segments[0]?.seats ?? 0)} seats without names`}{" "}
                  · {formatPrice(order.total_price, order.currency)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </section>
  );
}
