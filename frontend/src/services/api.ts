/**
 * The typed API client. Paths and bodies come from `src/types/api.d.ts`, generated from the API's
 * OpenAPI schema (`npm run gen:api`). Every call goes through `apiFetch`, which adds the bearer
 * token and reports a refused token, so that an expired login ends cleanly wherever it is noticed.
 */
import createClient from "openapi-fetch";

import { readSession } from "../auth/session";
import type { components, paths } from "../types/api";
import type { Airport } from "../types";

export type UserPublic = components["schemas"]["UserPublic"];
export type Token = components["schemas"]["Token"];

/** One entry of a FastAPI validation error (422). */
export type ValidationIssue = components["schemas"]["ValidationError"];

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

export function getMe(signal?: AbortSignal): Promise<UserPublic> {
  return unwrap(client.GET("/api/v1/auth/me", { signal }));
}

/**
 * Airport suggestions (`GET /api/v1/airports?q=&limit=`). The airports route is not in the OpenAPI
 * schema yet, so this one call goes through `apiFetch` directly with the contract's shape.
 */
export async function searchAirports(q: string, signal?: AbortSignal, limit = 10): Promise<Airport[]> {
  const url = new URL("/api/v1/airports", window.location.origin);
  url.searchParams.set("q", q);
  url.searchParams.set("limit", String(limit));
  const response = await apiFetch(new Request(url, { signal }));
  if (!response.ok) throw await errorFrom(response);
  return (await response.json()) as Airport[];
}
