import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { json, mockFetch, renderApp } from "../../test/render";
import { inDays, ORDER_ID, OUTBOUND, RETURN } from "../../test/orders";
import CheckoutPage from "./CheckoutPage";

const ROUTE = `/checkout?flights=${OUTBOUND.id},${RETURN.id}&passengers=2`;

/** The flights, and the order endpoint answering `answer` while recording what it was sent. */
function api(answer: () => Response = () => json({ id: ORDER_ID, reference: "K7WQ2M", status: "PENDING", poll_url: "x" }, 202)) {
  const sent: { body: unknown; key: string | null }[] = [];
  mockFetch({
    [`GET /api/v1/flights/${OUTBOUND.id}`]: () => json(OUTBOUND),
    [`GET /api/v1/flights/${RETURN.id}`]: () => json(RETURN),
    "POST /api/v1/orders": async (request) => {
      sent.push({ body: await request.json(), key: request.headers.get("Idempotency-Key") });
      return answer();
    },
  });
  return sent;
}

async function fillPassenger(number: number, given: string, family: string) {
  const passenger = await screen.findByRole("group", { name: `Passenger ${String(number)}` });
  await userEvent.type(within(passenger).getByRole("textbox", { name: "Given names" }), given);
  await userEvent.type(within(passenger).getByRole("textbox", { name: "Family name" }), family);
  return passenger;
}

describe("CheckoutPage", () => {
  it("shows the round trip with one total and holds it for two named passengers", async () => {
    const sent = api();
    const born = inDays(-100);
    renderApp(<CheckoutPage />, { route: ROUTE });
    const flights = await screen.findByRole("region", { name: "Your flights" });
    expect(within(flights).getByText("BA117 · LHR → JFK")).toBeInTheDocument();
    expect(within(flights).getByText("BA178 · JFK → LHR")).toBeInTheDocument();
    // (120.10 + 99.95) × 2, in cents: no float error.
    expect(screen.getByText(/^2 seats on 2 flights/)).toHaveTextContent("2 seats on 2 flights: £440.10");

    await fillPassenger(1, "Ana", "Lima");
    const child = await fillPassenger(2, "Léa", "Müller");
    await userEvent.selectOptions(within(child).getByRole("combobox", { name: "Travels as" }), "INFANT");
    expect(screen.getByText(/^1 seat on 2 flights/)).toHaveTextContent("£220.05");
    await userEvent.type(within(child).getByLabelText("Date of birth"), born);
    await userEvent.type(screen.getByRole("textbox", { name: "E-mail for the booking confirmation" }), "ana@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Hold these seats" }));

    expect(await screen.findByTestId("location")).toHaveTextContent(`/orders/${ORDER_ID}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(sent[0]?.body).toEqual({
      flight_ids: [OUTBOUND.id, RETURN.id],
      passengers: [
        { given_name: "Ana", family_name: "Lima", type: "ADULT", date_of_birth: null },
        { given_name: "Léa", family_name: "Müller", type: "INFANT", date_of_birth: born },
      ],
      contact_email: "ana@example.com",
    });
  });

  it("puts each mistake on its field, focuses the first, and sends nothing", async () => {
    const sent = api();
    renderApp(<CheckoutPage />, { route: ROUTE });
    await fillPassenger(1, "Ana3", "Lima");
    const second = screen.getByRole("group", { name: "Passenger 2" });
    await userEvent.selectOptions(within(second).getByRole("combobox", { name: "Travels as" }), "CHILD");
    await userEvent.click(screen.getByRole("button", { name: "Hold these seats" }));

    const given = within(screen.getByRole("group", { name: "Passenger 1" })).getByRole("textbox", { name: "Given names" });
    expect(given).toHaveAccessibleDescription("Use letters, with spaces, hyphens or apostrophes between them (no digits)");
    expect(given).toHaveFocus();
    expect(within(second).getByRole("textbox", { name: "Given names" })).toHaveAccessibleDescription(
      "Enter the given name as on the passport",
    );
    expect(within(second).getByLabelText("Date of birth")).toHaveAccessibleDescription(
      "Needed for children and infants Enter the date of birth of a child or an infant",
    );
    expect(screen.getByRole("textbox", { name: "E-mail for the booking confirmation" })).toHaveAccessibleDescription(
      "Enter an e-mail address for the booking confirmation",
    );
    expect(sent).toHaveLength(0);
  });

  it("shows the API's refusals on the fields they name, or for the whole form", async () => {
    let answer = json(
      { detail: [{ loc: ["body", "passengers", 0, "family_name"], msg: "Value error, use letters", type: "value_error" }] },
      422,
    );
    const sent = api(() => answer);
    renderApp(<CheckoutPage />, { route: `/checkout?flights=${OUTBOUND.id}&passengers=1` });
    await fillPassenger(1, "Ana", "Lima");
    await userEvent.type(screen.getByRole("textbox", { name: "E-mail for the booking confirmation" }), "ana@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Hold these seats" }));
    expect(await screen.findByText("Use letters")).toBeInTheDocument();

    answer = json({ detail: "flight BA117 has 0 seats left, fewer than the 1 this order needs" }, 422);
    await userEvent.click(screen.getByRole("button", { name: "Hold these seats" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Flight BA117 has 0 seats left");
    // The same attempt sent again: the same key, so never two orders.
    expect(sent.map((s) => s.key)).toEqual([sent[0]?.key, sent[0]?.key]);
  });

  it("adds and removes passengers, nine at most", async () => {
    api();
    renderApp(<CheckoutPage />, { route: `/checkout?flights=${OUTBOUND.id}&passengers=8` });
    await screen.findByRole("group", { name: "Passenger 8" });
    await userEvent.click(screen.getByRole("button", { name: "Add a passenger" }));
    expect(screen.getByRole("group", { name: "Passenger 9" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add a passenger" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Remove passenger 9" }));
    expect(screen.queryByRole("group", { name: "Passenger 9" })).not.toBeInTheDocument();
  });

  it("says so when a chosen flight is no longer on sale", async () => {
    mockFetch({ [`GET /api/v1/flights/${OUTBOUND.id}`]: () => json({ detail: "no flight on sale with id f-out: search again" }, 404) });
    renderApp(<CheckoutPage />, { route: `/checkout?flights=${OUTBOUND.id}&passengers=1` });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Your flights could not be loaded: No flight on sale with id f-out: search again",
    );
  });
});
