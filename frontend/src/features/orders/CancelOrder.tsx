import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import ConfirmCancel from "../../components/ConfirmCancel";
import { useFocusReturn } from "../../hooks/useFocusReturn";
import { formatErrorMessage } from "../../lib/fieldErrors";
import { formatInstant, formatPrice } from "../../lib/format";
import { confirmCancellation, quoteCancellation } from "../../services/api";
import type { Order, Quote } from "../../types/index";
import { canCancelOrder } from "./status";

function refundText(order: Order, quote: Quote): string {
  if (order.status === "HELD") return "Nothing has been paid, so cancelling is free.";
  const refund = formatPrice(quote.refund_amount, quote.currency);
  const paid = formatPrice(order.total_price, order.currency);
  return Number(quote.refund_amount) === 0
    ? `Under the fare rules nothing of the ${paid} paid is refunded.`
    : `You will be refunded ${refund} of the ${paid} paid.`;
}

/**
 * Cancel an order in two steps: ask what would be refunded (a quote), then confirm it before
 * it expires. The page then follows the order until a worker has cancelled it.
 */
export default function CancelOrder({ order }: { order: Order }) {
  const queryClient = useQueryClient();
  const [quote, setQuote] = useState<Quote | null>(null);
  const [openerRef, returnFocus] = useFocusReturn<HTMLButtonElement>();
  const ask = useMutation({
    mutationFn: () => quoteCancellation(order.id),
    onSuccess: setQuote,
  });
  const confirm = useMutation({
    mutationFn: (chosen: Quote) => confirmCancellation(order.id, chosen.id),
    onSuccess: (updated) => {
      setQuote(null);
      queryClient.setQueryData(["orders", "one", order.id], updated);
      void queryClient.invalidateQueries({ queryKey: ["orders"] });
    },
  });
  if (!canCancelOrder(order)) return null;
  if (quote === null) {
    return (
      <div className="cancel-order">
        <button
          ref={openerRef}
          type="button"
          disabled={ask.isPending}
          onClick={() => {
            ask.mutate();
          }}
        >
          {ask.isPending ? "Checking the refund…" : "Cancel booking"}
        </button>
        {ask.isError && <p className="field-error">{formatErrorMessage(ask.error)}</p>}
      </div>
    );
  }
  return (
    <ConfirmCancel
      label="Cancel this booking?"
      question={
        <>
          Cancel booking {order.reference}? {refundText(order, quote)}{" "}
          <span className="muted small">This offer holds until {formatInstant(quote.expires_at)}.</span>
        </>
      }
      confirmText="Yes, cancel it"
      pending={confirm.isPending}
      error={confirm.error}
      onConfirm={() => {
        confirm.mutate(quote);
      }}
      onKeep={() => {
        setQuote(null);
        confirm.reset();
        returnFocus();
      }}
    />
  );
}
