import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { saveSession } from "../../auth/session";
import PrivateRoute from "../../components/PrivateRoute";
import { json, mockFetch, renderApp } from "../../test/render";
import AccountPage, { validatePasswordChange } from "./AccountPage";

const ALICE = { id: "6f1c", username: "alice", is_admin: false, created_at: "2027-01-01T00:00:00Z" };

function loggedIn(answer: (body: unknown) => Response) {
  saveSession({ token: "old-token", expiresAt: Date.now() + 3_600_000 });
  const sent: unknown[] = [];
  mockFetch({
    "GET /api/v1/auth/me": () => json(ALICE),
    "POST /api/v1/auth/password": async (request) => {
      const body: unknown = await request.json();
      sent.push(body);
      return answer(body);
    },
  });
  return sent;
}

async function fill(current: string, password: string, confirm = password) {
  await userEvent.type(screen.getByLabelText("Current password"), current);
  await userEvent.type(screen.getByLabelText("New password"), password);
  await userEvent.type(screen.getByLabelText("Repeat the new password"), confirm);
  await userEvent.click(screen.getByRole("button", { name: "Change password" }));
}

describe("AccountPage", () => {
  it("changes the password and carries on with the new token", async () => {
    const sent = loggedIn(() => json({ access_token: "new-token", token_type: "bearer", expires_in: 3600 }));
    // Inside PrivateRoute, as in the app: the new token must not send the page back to
    // "checking your account" (which would drop the message).
    renderApp(
      <PrivateRoute>
        <AccountPage />
      </PrivateRoute>,
      { route: "/account" },
    );
    expect(await screen.findByText("Logged in as alice.")).toBeInTheDocument();
    await fill("old-pass-1", "new-pass-2");
    expect(await screen.findByText(/^Your password is changed\. Every other login has ended/)).toBeInTheDocument();
    expect(sent).toEqual([{ current_password: "old-pass-1", new_password: "new-pass-2" }]);
    expect(localStorage.getItem("skyqueue.session")).toContain("new-token");
    expect(screen.getByLabelText("Current password")).toHaveValue("");
  });

  it("says so on the field when the current password is wrong", async () => {
    loggedIn(() => json({ detail: "the current password is not right" }, 422));
    renderApp(<AccountPage />, { route: "/account" });
    await screen.findByText("Logged in as alice.");
    await fill("guess-123", "new-pass-2");
    expect(await screen.findByText("That is not your current password.")).toBeInTheDocument();
    expect(localStorage.getItem("skyqueue.session")).toContain("old-token");
  });

  it("checks the new password before sending anything", () => {
    expect(validatePasswordChange({ current: "", password: "short", confirm: "other" })).toEqual({
      current: "Enter your current password.",
      password: "Use at least 8 characters.",
      confirm: "The passwords do not match.",
    });
    expect(validatePasswordChange({ current: "x", password: "aaaabbbb", confirm: "aaaabbbb" })).toEqual({
      password: "Use at least 4 different characters.",
    });
  });
});
