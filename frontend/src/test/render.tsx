/** Rendering helpers for component tests: fresh query cache, a router, the auth provider, and a
 * fake `fetch` that answers by method and path. */
import { notifyManager, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, beforeEach, vi } from "vitest";

import { AuthProvider } from "../auth/AuthContext";

export function newQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export type Handler = (request: Request, url: URL) => Response | Promise<Response>;

/** Replaces `fetch`: each call goes to `handlers["GET /api/v1/auth/me"]`-style entries. */
export function mockFetch(handlers: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: Request) => {
    const url = new URL(input.url);
    const handler = handlers[`${input.method} ${url.pathname}`];
    if (handler === undefined) return json({ detail: "Not Found" }, 404);
    return handler(input, url);
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** Shows the current location, so that tests can assert where the app went. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

export function renderApp(ui: ReactElement, { route = "/", path = "*" }: { route?: string; path?: string } = {}) {
  const queryClient = newQueryClient();
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[route]}>
        <AuthProvider>
          <Routes>
            <Route path={path} element={ui} />
          </Routes>
          <LocationProbe />
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

/** Runs the calling file's tests on a fake clock that `tick` moves on: polling is tested by
 * counting requests over exact intervals, never by waiting for real time to pass. */
export function withFakeClock() {
  beforeEach(() => {
    vi.useFakeTimers();
    // TanStack Query tells React of a result on a zero-delay timer, which a fake clock runs
    // only once it moves on; a microtask delivers it at the instant it arrives instead.
    notifyManager.setScheduler(queueMicrotask);
  });
  afterEach(() => {
    notifyManager.setScheduler((callback) => setTimeout(callback, 0));
    vi.useRealTimers();
  });
}

/** Moves the fake clock on by `ms`, running every timer and promise that falls due. */
export async function tick(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}
