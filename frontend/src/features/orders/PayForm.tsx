import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type SyntheticEvent } from "react";

import { useSiteConfig } from "../../hooks/useSiteConfig";
import FormAlert from "../../components/FormAlert";
import TextField from "../../components/TextField";
import { formErrorsFrom } from "../../lib/fieldErrors";
import { formatPrice } from "../../lib/format";
import { ApiError, payOrder } from "../../services/api";
import type { Order } from "../../types/index";

/** "4242 4242 4242 4242" */
function groups(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, "$1 ");
}

/** Why the payment failed, and that the seats are still held where they are. */
function payFailure(failure: Error): string {
  const { fields, form } = formErrorsFrom(failure, ["card_number"] as const);
  const text = fields.card_number ?? form ?? "";
  const stillHeld = failure instanceof ApiError && (failure.status === 402 || failure.status === 503);
  return stillHeld ? `${text}. Your seats stay held: try again before the time runs out.` : text;
}

/**
 * Pay a held order with a card. A declined card or a payment service that did not answer
 * leaves the hold as it is: the traveller tries again before it lapses. Where payments run
 * locally, the test cards are listed.
 */
export default function PayForm({ order }: { order: Order }) {
  const queryClient = useQueryClient();
  const [card, setCard] = useState("");
  const [error, setError] = useState<string>();
  const config = useSiteConfig();
  const pay = useMutation({
    mutationFn: () => payOrder(order.id, card.replace(/\s+/g, "")),
    onSuccess: (paid) => {
      queryClient.setQueryData(["orders", "one", order.id], paid);
      void queryClient.invalidateQueries({ queryKey: ["orders", "list"] });
    },
    onError: (failure) => {
      // The hold lapsed meanwhile: the page shows what became of it.
      if (failure instanceof ApiError && failure.status === 409) {
        void queryClient.invalidateQueries({ queryKey: ["orders", "one", order.id] });
      }
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const digits = card.replace(/\s+/g, "");
    if (!/^\d{12,19}$/.test(digits)) {
      setError("Enter the card number: 12 to 19 digits");
      return;
    }
    setError(undefined);
    pay.mutate();
  };

  const cards = config.data?.test_cards ?? [];
  return (
    <form className="card pay" noValidate aria-label="Pay" onSubmit={submit}>
      <h2>Pay {formatPrice(order.total_price, order.currency)}</h2>
      <TextField
        id="card-number"
        label="Card number"
        inputMode="numeric"
        autoComplete="cc-number"
        value={card}
        error={error}
        onChange={(event) => {
          setCard(event.target.value);
          setError(undefined);
          pay.reset();
        }}
      />
      {cards.length > 0 && (
        <div className="hint">
          <p>Payments run in test mode. Test cards:</p>
          <ul>
            {cards.map((test) => (
              <li key={test.number}>
                <code>{groups(test.number)}</code> {test.outcome}
              </li>
            ))}
          </ul>
        </div>
      )}
      <FormAlert message={pay.isError ? payFailure(pay.error) : undefined} />
      <button type="submit" className="primary" disabled={pay.isPending}>
        {pay.isPending ? "Paying…" : "Pay now"}
      </button>
    </form>
  );
}
