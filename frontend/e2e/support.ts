import { randomUUID } from "node:crypto";
import { resolve } from "node:path";

import { expect, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";

export const PASSWORD = "e2e-traveller-9";
export const TRAVELLER_STATE = resolve(import.meta.dirname, "..", "test-results", ".auth", "traveller.json");

export function uniqueUsername(prefix = "traveller"): string {
  return `${prefix}_${randomUUID().slice(0, 8)}`;
}

export function admin(): { username: string; password: string } {
  const raw = process.env.SKYQUEUE_E2E_ADMIN;
  if (raw === undefined) throw new Error("SKYQUEUE_E2E_ADMIN is set by the global set-up");
  return JSON.parse(raw) as { username: string; password: string };
}

/** Creates an account through the API (test data is made the way a client would make it). */
export async function registerThroughApi(request: APIRequestContext, username: string, password = PASSWORD) {
  const answer = await request.post("/api/v1/auth/register", { data: { username, password } });
  expect(answer.status()).toBe(201);
}

export async function logIn(page: Page, username: string, password = PASSWORD) {
  await page.getByRole("textbox", { name: "Username" }).fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** A full-page screenshot of a key screen, kept in test-results/screens/ as a test artifact. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = resolve(testInfo.project.outputDir, "screens", `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

export const ADMIN_STATE = resolve(import.meta.dirname, "..", "test-results", ".auth", "admin.json");

const tokens = new Map<string, string>();

/** A bearer token got through the API's login, for making test data the way a client would;
 * one login per account for the run, as a real client keeps its token (logins per account are
 * limited). */
export async function apiToken(request: APIRequestContext, username: string, password: string): Promise<string> {
  const known = tokens.get(username);
  if (known !== undefined) return known;
  const answer = await request.post("/api/v1/auth/token", { form: { username, password, grant_type: "password" } });
  expect(answer.status()).toBe(200);
  const token = ((await answer.json()) as { access_token: string }).access_token;
  tokens.set(username, token);
  return token;
}

/** The logged-in page's own token (from the saved session). */
export async function pageToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem("skyqueue.session"));
  if (raw === null) throw new Error("the page is not logged in");
  return (JSON.parse(raw) as { token: string }).token;
}

/** A date `days` from today, YYYY-MM-DD (UTC). */
export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A flight number no other test uses. */
export function uniqueFlightNumber(): string {
  return `QA${String(Math.floor(Math.random() * 9000) + 1000)}`;
}

export interface CreatedFlight {
  id: string;
  flight_number: string;
  available_seats: number;
}

/** The administrator adds a flight through POST /admin/flights. `date`'s noon UTC departure is on
 * that local date at European and American airports. */
export async function createFlight(
  request: APIRequestContext,
  flight: { source: string; destination: string; date: string; seats: number; price?: string },
): Promise<CreatedFlight> {
  const { username, password } = admin();
  const token = await apiToken(request, username, password);
  const answer = await request.post("/admin/flights", {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      flight_number: uniqueFlightNumber(),
      source: flight.source,
      destination: flight.destination,
      departure_ts: `${flight.date}T12:00:00+00:00`,
      arrival_ts: `${flight.date}T19:30:00+00:00`,
      total_seats: flight.seats,
      price: flight.price ?? "199.00",
    },
  });
  expect(answer.status(), await answer.text()).toBe(201);
  return (await answer.json()) as CreatedFlight;
}

/** Books through the API as the owner of `token`, and waits for the worker's decision. */
export async function bookThroughApi(
  request: APIRequestContext,
  token: string,
  flightId: string,
  seats: number,
): Promise<{ id: string; status: string }> {
  const headers = { Authorization: `Bearer ${token}` };
  const answer = await request.post("/api/v1/bookings", { headers, data: { flight_id: flightId, seats } });
  expect(answer.status(), await answer.text()).toBe(202);
  const { id } = (await answer.json()) as { id: string };
  let status = "PENDING";
  await expect
    .poll(
      async () => {
        const booking = await request.get(`/api/v1/bookings/${id}`, { headers });
        status = ((await booking.json()) as { status: string }).status;
        return status;
      },
      { timeout: 30_000 },
    )
    .not.toBe("PENDING");
  return { id, status };
}

/** The search page for a route, as the search form would make it. */
export function searchUrl(source: string, destination: string, date: string, seats = 1): string {
  return `/?${new URLSearchParams({ source, destination, date, seats: String(seats) }).toString()}`;
}
