/**
 * The typed API client. Paths and bodies come from `src/types/api.d.ts`, generated from the API's
 * OpenAPI schema (`npm run gen:api`). Every call goes through `apiFetch`, which adds the bearer
 * token and reports a refused token, so that an expired login ends cleanly wherever it is noticed.
 */
import createClient from "openapi-fetch";

import { readSession } from "../auth/session";
import type { components, paths } from "../types/api";
import type {
  AdminBookings,
  Airport,
  FlightCreate,
  FlightPublic,
  FlightResult,
  FlightUpdate,
  FlightsPublic,
  ImportJob,
  ImportJobs,
  ImportStarted,
  MonthDay,
  Order,
  OrderAccepted,
  OrderCreate,
  Orders,
  Quote,
  SearchResults,
  SiteConfig,
} from "../types/index";

export type UserPublic = components["schemas"]["UserPublic"];
export type Token = components["schemas"]["Token"];

/** One entry of a FastAPI validation error (422). */
export type ValidationIssue = components["schemas"]["FieldIssue"];

/** A non-2xx answer: `detail` is the API's message, or a list of field issues for a 422. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string | ValidationIssue[];

  constructor(status: number, detail: unknown) {
    super(typeof detail === "string" ? detail : `request failed with status ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.detail = Array.isArray(detail) ? (detail as ValidationIssue[]) : this.message;
  }
}

const unauthorizedListeners = new Set<() => void>();

/** Calls `listener` whenever the API refuses the stored token (401 on an authenticated call). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

/** `fetch` with the token, JSON preferred (so that /admin/... reaches the API, not the app). */
export async function apiFetch(input: Request): Promise<Response> {
  const request = new Request(input);
  const session = readSession();
  if (session && !request.headers.has("Authorization")) {
    request.headers.set("Authorization", `Bearer ${session.token}`);
  }
  if (!request.headers.has("Accept")) request.headers.set("Accept", "application/json");
  const response = await fetch(request);
  if (response.status === 401 && request.headers.has("Authorization")) {
    unauthorizedListeners.forEach((listener) => {
      listener();
    });
  }
  return response;
}

export const client = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: apiFetch,
});

/** The API's `detail` (FastAPI's error body), or the status text for a body that has none. */
function detailOf(body: unknown, response: Response): unknown {
  if (typeof body === "object" && body !== null && "detail" in body) return body.detail;
  return response.statusText || `status ${response.status}`;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's error page): the status text will do
  }
  return new ApiError(response.status, detailOf(body, response));
}

/** The data of an openapi-fetch answer (which has already read the body), or an ApiError. */
async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, detailOf(error, response));
  return data as T;
}

export function register(body: { username: string; password: string }): Promise<UserPublic> {
  return unwrap(client.POST("/api/v1/auth/register", { body }));
}

export function logIn(username: string, password: string): Promise<Token> {
  return unwrap(
    client.POST("/api/v1/auth/token", {
      body: { username, password, grant_type: "password", scope: "" },
      bodySerializer: (form) => new URLSearchParams(form as Record<string, string>).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
  );
}

export function changePassword(currentPassword: string, newPassword: string): Promise<Token> {
  return unwrap(
    client.POST("/api/v1/auth/password", {
      body: { current_password: currentPassword, new_password: newPassword },
    }),
  );
}

export function getMe(signal?: AbortSignal): Promise<UserPublic> {
  return unwrap(client.GET("/api/v1/auth/me", { signal }));
}

export function getSiteConfig(signal?: AbortSignal): Promise<SiteConfig> {
  return unwrap(client.GET("/api/v1/config", { signal }));
}

export function searchAirports(q: string, signal?: AbortSignal, limit = 10): Promise<Airport[]> {
  return unwrap(client.GET("/api/v1/airports", { params: { query: { q, limit } }, signal }));
}

// --- search --------------------------------------------------------------------------------------

export type SearchQuery = NonNullable<paths["/api/v1/search"]["get"]["parameters"]["query"]>;

export function searchFlights(query: SearchQuery, signal?: AbortSignal): Promise<SearchResults> {
  return unwrap(client.GET("/api/v1/search", { params: { query }, signal }));
}

export type MonthQuery = NonNullable<paths["/api/v1/search/calendar"]["get"]["parameters"]["query"]>;

export function monthPrices(query: MonthQuery, signal?: AbortSignal): Promise<MonthDay[]> {
  return unwrap(client.GET("/api/v1/search/calendar", { params: { query }, signal }));
}

// --- checkout ----------------------------------------------------------------------------------

/**
 * A key for one order attempt, sent as `Idempotency-Key`: a retry or a double click sends the
 * same key and gets the same order back. `crypto.randomUUID` needs a secure context (not plain
 * http on a LAN address), `getRandomValues` does not.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function getFlight(flightId: string, signal?: AbortSignal): Promise<FlightResult> {
  return unwrap(client.GET("/api/v1/flights/{flight_id}", { params: { path: { flight_id: flightId } }, signal }));
}

// --- orders ------------------------------------------------------------------------------------

export function createOrder(body: OrderCreate, idempotencyKey: string): Promise<OrderAccepted> {
  return unwrap(client.POST("/api/v1/orders", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }));
}

export function getOrder(orderId: string, signal?: AbortSignal): Promise<Order> {
  return unwrap(client.GET("/api/v1/orders/{order_id}", { params: { path: { order_id: orderId } }, signal }));
}

export function listOrders(page: number, pageSize: number, signal?: AbortSignal): Promise<Orders> {
  return unwrap(client.GET("/api/v1/orders", { params: { query: { page, page_size: pageSize } }, signal }));
}

export function payOrder(orderId: string, cardNumber: string): Promise<Order> {
  return unwrap(
    client.POST("/api/v1/orders/{order_id}/pay", {
      params: { path: { order_id: orderId } },
      body: { card_number: cardNumber },
    }),
  );
}

export function quoteCancellation(orderId: string): Promise<Quote> {
  return unwrap(
    client.POST("/api/v1/orders/{order_id}/cancellation-quote", { params: { path: { order_id: orderId } } }),
  );
}

export function confirmCancellation(orderId: string, quoteId: string): Promise<Order> {
  return unwrap(
    client.POST("/api/v1/orders/{order_id}/cancel", {
      params: { path: { order_id: orderId } },
      body: { quote_id: quoteId },
    }),
  );
}

export function lookUpOrder(reference: string, lastName: string, signal?: AbortSignal): Promise<Order> {
  return unwrap(
    client.GET("/api/v1/orders/lookup", { params: { query: { reference, last_name: lastName } }, signal }),
  );
}

// --- administration: flights -------------------------------------------------------------------

export type FlightFilters = NonNullable<paths["/admin/flights"]["get"]["parameters"]["query"]>;

export function listFlights(query: FlightFilters, signal?: AbortSignal): Promise<FlightsPublic> {
  return unwrap(client.GET("/admin/flights", { params: { query }, signal }));
}

export function createFlight(body: FlightCreate): Promise<FlightPublic> {
  return unwrap(client.POST("/admin/flights", { body }));
}

export function editFlight(flightId: string, body: FlightUpdate): Promise<FlightPublic> {
  return unwrap(client.PATCH("/admin/flights/{flight_id}", { params: { path: { flight_id: flightId } }, body }));
}

export function cancelFlight(flightId: string): Promise<FlightPublic> {
  return unwrap(client.POST("/admin/flights/{flight_id}/cancel", { params: { path: { flight_id: flightId } } }));
}

// --- administration: bookings ------------------------------------------------------------------

export type AdminBookingFilters = NonNullable<paths["/admin/bookings"]["get"]["parameters"]["query"]>;

export function listAllBookings(query: AdminBookingFilters, signal?: AbortSignal): Promise<AdminBookings> {
  return unwrap(client.GET("/admin/bookings", { params: { query }, signal }));
}

// --- administration: CSV imports ---------------------------------------------------------------

export function uploadFlightsCsv(file: File, dryRun: boolean): Promise<ImportStarted> {
  return unwrap(
    client.POST("/admin/flights/bulk-upload", {
      params: { query: { dry_run: dryRun } },
      // The schema types the file as a string (binary); the browser sends the File itself.
      body: { file: file as unknown as string },
      bodySerializer: (body) => {
        const form = new FormData();
        form.append("file", body.file as unknown as File);
        return form;
      },
    }),
  );
}

export function getImportJob(jobId: string, signal?: AbortSignal): Promise<ImportJob> {
  return unwrap(
    client.GET("/admin/flights/bulk-upload/status/{job_id}", { params: { path: { job_id: jobId } }, signal }),
  );
}

export function listImports(page: number, pageSize: number, signal?: AbortSignal): Promise<ImportJobs> {
  return unwrap(client.GET("/admin/imports", { params: { query: { page, page_size: pageSize } }, signal }));
}

/** The rejected rows as a CSV file (the call needs the bearer token, so it is fetched, not linked). */
export async function downloadRejectedRows(jobId: string): Promise<{ blob: Blob; filename: string }> {
  const url = new URL(`/admin/flights/bulk-upload/${encodeURIComponent(jobId)}/errors.csv`, window.location.origin);
  const response = await apiFetch(new Request(url, { headers: { Accept: "text/csv" } }));
  if (!response.ok) throw await errorFrom(response);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "rejected-rows.csv";
  return { blob: await response.blob(), filename };
}
