import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import App from "./App";
import { saveSession } from "./auth/session";
import { json, mockFetch, renderApp } from "./test/render";

const ALICE = { id: "1", username: "alice", is_admin: false, created_at: "2027-01-01T00:00:00Z" };

describe("App", () => {
  it("moves the focus to the new page's heading after a move, not on the first page", async () => {
    mockFetch({ "GET /api/v1/config": () => json({ currency: "EUR", test_cards: [] }) });
    renderApp(<App />, { route: "/login" });
    const login = await screen.findByRole("heading", { level: 1, name: "Log in" });
    expect(login).not.toHaveFocus();
    await userEvent.click(screen.getAllByRole("link", { name: "Register" })[0] as HTMLElement);
    expect(await screen.findByRole("heading", { level: 1, name: "Create an account" })).toHaveFocus();
    await userEvent.click(screen.getByRole("link", { name: "Manage booking" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Manage booking" })).toHaveFocus();
  });

  it("logs out with a word", async () => {
    saveSession({ token: "stored-token", expiresAt: Date.now() + 3_600_000 });
    mockFetch({ "GET /api/v1/auth/me": () => json(ALICE) });
    renderApp(<App />, { route: "/account" });
    await userEvent.click(await screen.findByRole("button", { name: "Log out" }));
    expect(await screen.findByText("You are logged out.")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/);
  });

  it("sends the header's register and log in links back to the search", () => {
    mockFetch({ "GET /api/v1/search": () => json({ data: [], count: 0, page: 1, page_size: 10 }) });
    const search = "/?source=LHR&destination=JFK&date=2999-01-01&seats=2&outbound=f1";
    renderApp(<App />, { route: search });
    const back = encodeURIComponent(search);
    const header = screen.getByRole("banner");
    expect(within(header).getByRole("link", { name: "Register" })).toHaveAttribute("href", `/register?next=${back}`);
    expect(within(header).getByRole("link", { name: "Log in" })).toHaveAttribute("href", `/login?next=${back}`);
  });
});
