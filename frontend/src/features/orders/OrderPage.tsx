import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { Link, useParams } from "react-router";

import QueryView from "../../components/QueryView";
import { usePolling } from "../../hooks/usePolling";
import { formatPrice } from "../../lib/format";
import { getOrder } from "../../services/api";
import type { Order } from "../../types/index";
import CancelOrder from "./CancelOrder";
import HoldCountdown from "./HoldCountdown";
import OrderDetails, { Reference } from "./OrderDetails";
import PayForm from "./PayForm";
import { failureText, holdLapsed, isFinalOrder } from "./status";

/** One order, followed live: decided into a hold (pay before it lapses), paid, cancelled. */
export default function OrderPage({ pollIntervalMs = 1000 }: { pollIntervalMs?: number }) {
  const { orderId = "" } = useParams();
  const queryClient = useQueryClient();
  const order = usePolling({
    queryKey: ["orders", "one", orderId],
    queryFn: (signal) => getOrder(orderId, signal),
    isFinal: isFinalOrder,
    intervalMs: pollIntervalMs,
  });
  const lapsed = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ["orders", "one", orderId] });
  }, [queryClient, orderId]);

  return (
    <section className="page" aria-labelledby="order-title">
      <h1 id="order-title">Your booking</h1>
      <QueryView query={order} loading="Loading your booking…" failed="This booking could not be loaded">
        {(data) => (
          <>
            <Reference order={data} />
            <Outcome order={data} onLapse={lapsed} />
            <OrderDetails order={data} />
            <CancelOrder order={data} />
          </>
        )}
      </QueryView>
      <p>
        <Link to="/orders">All my bookings</Link>
      </p>
    </section>
  );
}

function Outcome({ order, onLapse }: { order: Order; onLapse: () => void }) {
  if (!isFinalOrder(order)) {
    const doing =
      order.status === "PENDING"
        ? "we are securing your seats on every flight. This page updates by itself."
        : holdLapsed(order)
          ? "the time to pay has run out; the seats are being released."
          : "your cancellation is being carried out.";
    return (
      <div role="status" className="outcome outcome-pending">
        <span className="spinner" aria-hidden="true" />
        <p>
          <strong>{order.status === "PENDING" ? "Pending" : holdLapsed(order) ? "Expiring" : "Cancelling"}</strong>:{" "}
          {doing}
        </p>
      </div>
    );
  }
  switch (order.status) {
    case "HELD":
      return (
        <div className="outcome outcome-held">
          <p role="status">
            <strong>Held</strong>: your seats are reserved. Pay before the time runs out to confirm them.
          </p>
          {order.expires_at && <HoldCountdown expiresAt={order.expires_at} onLapse={onLapse} />}
          <PayForm order={order} />
        </div>
      );
    case "CONFIRMED":
      return (
        <div role="status" className="outcome outcome-confirmed">
          <p>
            <strong>Confirmed</strong>: paid, and ticketed. A confirmation goes to {order.contact_email ?? "you"}.
          </p>
        </div>
      );
    case "EXPIRED":
      return (
        <div role="status" className="outcome outcome-cancelled">
          <p>
            <strong>Expired</strong>: the hold ran out before payment. The seats were released and nothing was
            charged. <Link to="/">Search again</Link>
          </p>
        </div>
      );
    case "FAILED":
      return (
        <div role="alert" className="outcome outcome-failed">
          <p>
            <strong>Failed</strong>: {failureText(order.failure_reason)}
          </p>
          <p className="muted">Nothing was booked on any of the flights.</p>
        </div>
      );
    default:
      return (
        <div role="status" className="outcome outcome-cancelled">
          <p>
            <strong>Cancelled</strong>
            {order.failure_reason ? `: ${failureText(order.failure_reason).replace(/^Sorry, /, "")}` : ""}
            {order.refund_amount !== null &&
              (Number(order.refund_amount) > 0
                ? `. ${formatPrice(order.refund_amount, order.currency)} refunded to your card.`
                : ". Nothing to refund.")}
          </p>
        </div>
      );
  }
}
