import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import App from "./App";
import { json, mockFetch, renderApp } from "./test/render";

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
});
