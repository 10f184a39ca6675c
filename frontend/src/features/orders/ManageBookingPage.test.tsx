import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { json, mockFetch, renderApp } from "../../test/render";
import { order, ORDER_ID } from "../../test/orders";
import ManageBookingPage from "./ManageBookingPage";

describe("ManageBookingPage", () => {
  it("finds a booking by reference and family name, and keeps the search in the URL", async () => {
    const asked: URLSearchParams[] = [];
    mockFetch({
      "GET /api/v1/orders/lookup": (_request, url) => {
        asked.push(url.searchParams);
        return json(order({ status: "CONFIRMED" }));
      },
    });
    renderApp(<ManageBookingPage />, { route: "/manage" });
    await userEvent.type(screen.getByRole("textbox", { name: "Booking reference" }), " k7wq2m ");
    await userEvent.type(screen.getByRole("textbox", { name: "Family name" }), "muller");
    await userEvent.click(screen.getByRole("button", { name: "Find booking" }));

    const booking = await screen.findByRole("article", { name: "Booking K7WQ2M" });
    expect(within(booking).getByText("Léa Müller")).toBeInTheDocument();
    expect(within(booking).getByText("BA178 · JFK → LHR")).toBeInTheDocument();
    expect(within(booking).getByRole("link", { name: "Pay, or cancel this booking" })).toHaveAttribute(
      "href",
      `/orders/${ORDER_ID}`,
    );
    expect(Object.fromEntries(asked[0] ?? [])).toEqual({ reference: "K7WQ2M", last_name: "muller" });
    expect(screen.getByTestId("location")).toHaveTextContent("/manage?reference=K7WQ2M&last_name=muller");
  });

  it("checks the reference's shape before asking, and says when nothing matches", async () => {
    const fetchMock = mockFetch({
      "GET /api/v1/orders/lookup": () => json({ detail: "no order with this reference and family name" }, 404),
    });
    renderApp(<ManageBookingPage />, { route: "/manage" });
    await userEvent.type(screen.getByRole("textbox", { name: "Booking reference" }), "K0WQ2M");
    await userEvent.click(screen.getByRole("button", { name: "Find booking" }));
    expect(screen.getByRole("textbox", { name: "Booking reference" })).toHaveAccessibleDescription(
      "A booking reference is 6 letters and digits (no 0, O, 1 or I), e.g. K7WQ2M",
    );
    expect(screen.getByRole("textbox", { name: "Family name" })).toHaveAccessibleDescription(
      "Enter the family name of one of the passengers",
    );
    expect(fetchMock).not.toHaveBeenCalled();

    renderApp(<ManageBookingPage />, { route: "/manage?reference=ZZZZZZ&last_name=Lima" });
    expect(await screen.findByRole("alert")).toHaveTextContent("No order with this reference and family name");
  });
});
