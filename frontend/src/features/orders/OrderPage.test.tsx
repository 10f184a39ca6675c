import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { json, mockFetch, renderApp, tick, withFakeClock } from "../../test/render";
import { order, ORDER_ID } from "../../test/orders";
import type { Order } from "../../types/index";
import { formatLeft } from "./HoldCountdown";
import OrderPage from "./OrderPage";

const INTERVAL = 1000;
const NOW = Date.parse("2999-02-01T10:00:00Z");
withFakeClock();

/** The order endpoint answering `answers` in turn, then the last one for ever; `more` adds
 * other endpoints. */
function orderAnswering(answers: Order[], more: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  let calls = 0;
  mockFetch({
    [`GET /api/v1/orders/${ORDER_ID}`]: () => json(answers[Math.min(calls++, answers.length - 1)]),
    "GET /api/v1/config": () =>
      json({ currency: "GBP", test_cards: [{ number: "4242424242424242", outcome: "succeeds" }] }),
    ...more,
  });
  return { calls: () => calls };
}

/** The order's outcome (the router's location probe is a status too). */
function outcome(): HTMLElement {
  const found = screen.getAllByRole("status").find((element) => element.tagName !== "OUTPUT");
  if (found === undefined) throw new Error("no outcome shown");
  return found;
}

function renderPage() {
  renderApp(<OrderPage pollIntervalMs={INTERVAL} />, { route: `/orders/${ORDER_ID}`, path: "/orders/:orderId" });
}

function held(minutes = 15): Order {
  return order({ status: "HELD", expires_at: new Date(NOW + minutes * 60_000).toISOString() });
}

describe("OrderPage", () => {
  it("follows a pending order into its hold, then counts down without asking the API again", async () => {
    vi.setSystemTime(NOW);
    const api = orderAnswering([order(), held()]);
    renderPage();
    await tick(0);
    expect(outcome()).toHaveTextContent("we are securing your seats on every flight");
    expect(screen.getByLabelText("Booking reference K 7 W Q 2 M")).toHaveTextContent("K7WQ2M");
    await tick(INTERVAL); // the hold began as the order was decided, a second ago
    expect(screen.getByRole("timer")).toHaveTextContent("14:59");
    await tick(61_000);
    expect(screen.getByRole("timer")).toHaveTextContent("13:58");
    expect(api.calls()).toBe(2); // the countdown runs on the clock, not on requests
    expect(screen.getByText("4242 4242 4242 4242")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Pay £440.10" })).toBeInTheDocument();
  });

  it("asks the API when the hold runs out, and shows it expired once released", async () => {
    vi.setSystemTime(NOW);
    const api = orderAnswering([held(1), held(1), order({ status: "EXPIRED" })]);
    renderPage();
    await tick(0);
    expect(screen.getByRole("timer")).toHaveTextContent("1:00");
    await tick(30_000);
    expect(screen.getByRole("timer")).toHaveTextContent("0:30");
    await tick(30_000);
    expect(api.calls()).toBeGreaterThanOrEqual(2);
    await tick(2 * INTERVAL);
    expect(outcome()).toHaveTextContent(
      "Expired: the hold ran out before payment. The seats were released and nothing was charged.",
    );
    const calls = api.calls();
    await tick(10 * INTERVAL);
    expect(api.calls()).toBe(calls);
    expect(screen.queryByRole("button", { name: "Cancel booking" })).not.toBeInTheDocument();
  });

  it("says a declined card was declined and keeps the hold; a good card confirms it with tickets", async () => {
    vi.setSystemTime(NOW);
    const paid = order({
      status: "CONFIRMED",
      paid_at: "2999-02-01T10:01:00Z",
      tickets: [
        { number: "9990000000001", passenger_id: "p1", booking_id: "b-f-out" },
        { number: "9990000000002", passenger_id: "p1", booking_id: "b-f-back" },
      ],
    });
    const cards: string[] = [];
    orderAnswering([held()], {
      [`POST /api/v1/orders/${ORDER_ID}/pay`]: async (request) => {
        const { card_number } = (await request.json()) as { card_number: string };
        cards.push(card_number);
        return card_number === "4242424242424242"
          ? json(paid)
          : json({ detail: "the card was declined: use another card" }, 402);
      },
    });
    renderPage();
    await tick(0);
    const card = screen.getByRole("textbox", { name: "Card number" });
    fireEvent.change(card, { target: { value: "4000 0000 0000 0002" } });
    fireEvent.click(screen.getByRole("button", { name: "Pay now" }));
    await tick(0);
    expect(screen.getByRole("alert")).toHaveTextContent(
      "The card was declined: use another card. Your seats stay held: try again before the time runs out.",
    );
    expect(screen.getByRole("timer")).toBeInTheDocument();

    fireEvent.change(card, { target: { value: "1234" } });
    fireEvent.click(screen.getByRole("button", { name: "Pay now" }));
    expect(screen.getByText("Enter the card number: 12 to 19 digits")).toBeInTheDocument();

    fireEvent.change(card, { target: { value: "4242 4242 4242 4242" } });
    fireEvent.click(screen.getByRole("button", { name: "Pay now" }));
    await tick(0);
    expect(cards).toEqual(["4000000000000002", "4242424242424242"]);
    expect(outcome()).toHaveTextContent("Confirmed: paid, and ticketed. A confirmation goes to ana@example.com.");
    expect(screen.getByText(/Tickets 9990000000001, 9990000000002/)).toBeInTheDocument();
    expect(screen.queryByRole("timer")).not.toBeInTheDocument();
  });

  it("cancels with the refund shown first, then follows the cancellation until it is done", async () => {
    vi.setSystemTime(NOW);
    const paid = order({ status: "CONFIRMED", paid_at: "2999-02-01T09:00:00Z" });
    const asked = { ...paid, cancel_requested_at: "2999-02-01T10:00:05Z" };
    const done = { ...asked, status: "CANCELLED" as const, refund_amount: "340.10" };
    const api = orderAnswering([paid, asked, done], {
      [`POST /api/v1/orders/${ORDER_ID}/cancellation-quote`]: () =>
        json({ id: "q1", order_id: ORDER_ID, refund_amount: "340.10", currency: "GBP", expires_at: "2999-02-01T10:15:00Z" }),
      [`POST /api/v1/orders/${ORDER_ID}/cancel`]: () => json(asked, 202),
    });
    renderPage();
    await tick(0);
    fireEvent.click(screen.getByRole("button", { name: "Cancel booking" }));
    await tick(0);
    const dialog = screen.getByRole("alertdialog", { name: "Cancel this booking?" });
    expect(dialog).toHaveTextContent("Cancel booking K7WQ2M? You will be refunded £340.10 of the £440.10 paid.");
    const keep = within(dialog).getByRole("button", { name: "Keep it" });
    const yes = within(dialog).getByRole("button", { name: "Yes, cancel it" });
    expect(keep).toHaveFocus();
    fireEvent.keyDown(keep, { key: "Tab" }); // the focus stays in the dialog
    expect(yes).toHaveFocus();
    fireEvent.keyDown(yes, { key: "Tab", shiftKey: true });
    expect(keep).toHaveFocus();
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Cancel booking" })).toHaveFocus(); // where the question was opened

    fireEvent.click(screen.getByRole("button", { name: "Cancel booking" }));
    await tick(0);
    fireEvent.click(screen.getByRole("button", { name: "Yes, cancel it" }));
    await tick(0);
    expect(outcome()).toHaveTextContent("Cancelling: your cancellation is being carried out.");
    await tick(INTERVAL);
    expect(outcome()).toHaveTextContent("Cancelled. £340.10 refunded to your card.");
    expect(api.calls()).toBe(3);
  });

  it("says why a failed order failed and offers nothing to pay or cancel", async () => {
    orderAnswering([order({ status: "FAILED", failure_reason: "sold out" })]);
    renderPage();
    await tick(0);
    expect(screen.getByRole("alert")).toHaveTextContent("Failed: Sorry, there are not enough seats left on this flight.");
    expect(screen.queryByRole("button", { name: "Cancel booking" })).not.toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Pay" })).not.toBeInTheDocument();
  });
});

describe("formatLeft", () => {
  it("shows minutes and seconds, rounding up, never below zero", () => {
    expect(formatLeft(15 * 60_000)).toBe("15:00");
    expect(formatLeft(59_001)).toBe("1:00");
    expect(formatLeft(1)).toBe("0:01");
    expect(formatLeft(-5000)).toBe("0:00");
  });
});
