import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";

import { saveSession } from "../../auth/session";
import Header from "../../components/Header";
import PrivateRoute from "../../components/PrivateRoute";
import { json, mockFetch, renderApp } from "../../test/render";
import LoginPage, { validateLogin } from "./LoginPage";
import RegisterPage, { validateRegistration } from "./RegisterPage";

const ALICE = { id: "6f1c", username: "alice", is_admin: false, created_at: "2027-01-01T00:00:00Z" };
const TOKEN = { access_token: "token-1", token_type: "bearer", expires_in: 3600 };

/** The app's routes that matter here, with the header. */
function Pages() {
  return (
    <>
      <Header />
      <Routes>
        <Route path="/" element={<p>home</p>} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route element={<PrivateRoute />}>
          <Route path="/bookings" element={<p>my bookings page</p>} />
        </Route>
        <Route element={<PrivateRoute adminOnly />}>
          <Route path="/admin" element={<p>admin page</p>} />
        </Route>
      </Routes>
    </>
  );
}

function loggedIn(user = ALICE) {
  saveSession({ token: "stored-token", expiresAt: Date.now() + 3_600_000 });
  return mockFetch({ "GET /api/v1/auth/me": () => json(user) });
}

describe("client-side validation", () => {
  it("login needs both fields", () => {
    expect(validateLogin({ username: " ", password: "" })).toEqual({
      username: "Enter your username.",
      password: "Enter your password.",
    });
    expect(validateLogin({ username: "alice", password: "x" })).toEqual({});
  });

  it("registration checks username format, password length and the repeat", () => {
    expect(validateRegistration({ username: "a b", password: "short", confirm: "other" })).toEqual({
      username: "Use 3–32 letters, digits, _ . or -.",
      password: "Use at least 8 characters.",
      confirm: "The passwords do not match.",
    });
    expect(validateRegistration({ username: "alice.b", password: "long-enough", confirm: "long-enough" })).toEqual({});
  });
});

describe("LoginPage", () => {
  it("shows the field errors and sends nothing when the form is empty", async () => {
    const fetchMock = mockFetch({});
    renderApp(<Pages />, { route: "/login" });
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(screen.getByRole("textbox", { name: "Username" })).toHaveAccessibleDescription("Enter your username.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password.");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("says the username or password is wrong on a 401", async () => {
    mockFetch({ "POST /api/v1/auth/token": () => json({ detail: "incorrect username or password" }, 401) });
    renderApp(<Pages />, { route: "/login" });
    await userEvent.type(screen.getByRole("textbox", { name: "Username" }), "alice");
    await userEvent.type(screen.getByLabelText("Password"), "wrong-password");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Incorrect username or password.");
    expect(localStorage.length).toBe(0);
  });

  it("logs in with the password form, keeps the token and goes back where the user was", async () => {
    const fetchMock = mockFetch({
      "POST /api/v1/auth/token": () => json(TOKEN),
      "GET /api/v1/auth/me": () => json(ALICE),
    });
    renderApp(<Pages />, { route: "/login?next=%2Fbookings" });
    await userEvent.type(screen.getByRole("textbox", { name: "Username" }), "alice");
    await userEvent.type(screen.getByLabelText("Password"), "s3cret-enough");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByText("my bookings page")).toBeInTheDocument();
    const [tokenRequest] = fetchMock.mock.calls[0] ?? [];
    expect(tokenRequest?.headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(await tokenRequest?.text())).toEqual(
      new URLSearchParams({ username: "alice", password: "s3cret-enough", grant_type: "password", scope: "" }),
    );
    const meRequest = fetchMock.mock.calls[1]?.[0];
    expect(meRequest?.headers.get("Authorization")).toBe("Bearer token-1");
    expect(localStorage.getItem("skyqueue.session")).toContain("token-1");
  });

  it("never sends the user to another site after login", async () => {
    mockFetch({ "POST /api/v1/auth/token": () => json(TOKEN), "GET /api/v1/auth/me": () => json(ALICE) });
    renderApp(<Pages />, { route: "/login?next=%2F%2Fevil.example" });
    await userEvent.type(screen.getByRole("textbox", { name: "Username" }), "alice");
    await userEvent.type(screen.getByLabelText("Password"), "s3cret-enough");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    await waitFor(() => {
      expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/);
    });
  });
});

describe("RegisterPage", () => {
  async function fillAndSubmit(username = "alice", password = "aaaaaaaa") {
    await userEvent.type(screen.getByRole("textbox", { name: "Username" }), username);
    await userEvent.type(screen.getByLabelText("Password"), password);
    await userEvent.type(screen.getByLabelText("Repeat password"), password);
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
  }

  it("puts the API's 422 messages on their fields", async () => {
    mockFetch({
      "POST /api/v1/auth/register": () =>
        json(
          {
            detail: [
              {
                loc: ["body", "password"],
                msg: "Value error, password is too simple: use at least 4 different characters",
                type: "value_error",
              },
              { loc: ["body", "username"], msg: "String should match pattern '^x$'", type: "string_pattern_mismatch" },
            ],
          },
          422,
        ),
    });
    renderApp(<Pages />, { route: "/register" });
    await fillAndSubmit();
    const password = screen.getByLabelText("Password");
    await waitFor(() => {
      expect(password).toHaveAccessibleDescription(/Password is too simple: use at least 4 different characters/);
    });
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("textbox", { name: "Username" })).toHaveAccessibleDescription(
      /Use 3–32 letters, digits, _ \. or -\./,
    );
  });

  it("says the username is taken on a 409", async () => {
    mockFetch({ "POST /api/v1/auth/register": () => json({ detail: "the username 'alice' is already taken" }, 409) });
    renderApp(<Pages />, { route: "/register" });
    await fillAndSubmit("alice", "s3cret-enough");
    await waitFor(() => {
      expect(screen.getByRole("textbox", { name: "Username" })).toHaveAccessibleDescription(
        /That username is already taken/,
      );
    });
  });

  it("registers, logs in and lands on the home page", async () => {
    mockFetch({
      "POST /api/v1/auth/register": () => json(ALICE, 201),
      "POST /api/v1/auth/token": () => json(TOKEN),
      "GET /api/v1/auth/me": () => json(ALICE),
    });
    renderApp(<Pages />, { route: "/register" });
    await fillAndSubmit("alice", "s3cret-enough");
    expect(await screen.findByText("home")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Log out" })).toBeInTheDocument();
  });
});

describe("PrivateRoute and Header", () => {
  it("sends an anonymous visitor to the login page with the way back", async () => {
    mockFetch({});
    renderApp(<Pages />, { route: "/bookings" });
    expect(await screen.findByRole("heading", { name: "Log in" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/login?next=%2Fbookings");
  });

  it("shows a non-admin that the admin page is not for them, and no admin link", async () => {
    loggedIn();
    renderApp(<Pages />, { route: "/admin" });
    expect(await screen.findByRole("heading", { name: "Administrators only" })).toBeInTheDocument();
    expect(screen.queryByText("admin page")).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Admin" })).not.toBeInTheDocument();
  });

  it("lets an admin in, with the admin link", async () => {
    loggedIn({ ...ALICE, is_admin: true });
    renderApp(<Pages />, { route: "/admin" });
    expect(await screen.findByText("admin page")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Admin" })).toHaveAttribute("href", "/admin");
  });

  it("logs out when the API refuses the token, and says the session expired", async () => {
    saveSession({ token: "revoked", expiresAt: Date.now() + 3_600_000 });
    mockFetch({ "GET /api/v1/auth/me": () => json({ detail: "the access token has expired" }, 401) });
    renderApp(<Pages />, { route: "/bookings" });
    expect(await screen.findByText("Your session has expired. Please log in again.")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/login?next=%2Fbookings");
    expect(localStorage.getItem("skyqueue.session")).toBeNull();
  });

  it("drops a stored token that has expired without asking the API", async () => {
    saveSession({ token: "old", expiresAt: Date.now() - 1 });
    const fetchMock = mockFetch({});
    renderApp(<Pages />, { route: "/bookings" });
    expect(await screen.findByRole("heading", { name: "Log in" })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("log out forgets the token", async () => {
    loggedIn();
    renderApp(<Pages />, { route: "/bookings" });
    expect(await screen.findByText("my bookings page")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Log out" }));
    expect(await screen.findByRole("link", { name: "Log in" })).toBeInTheDocument();
    expect(localStorage.getItem("skyqueue.session")).toBeNull();
  });
});
