import { QueryClientProvider } from "@tanstack/react-query";
import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";

import { newQueryClient, tick, withFakeClock } from "../test/render";
import { usePolling } from "./usePolling";

type Job = { status: "PENDING" | "CONFIRMED" | "FAILED" };

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={newQueryClient()}>{children}</QueryClientProvider>;
}

/** A job that answers `statuses` in turn, then keeps answering the last one. */
function jobAnswering(...statuses: Job["status"][]) {
  let call = 0;
  return vi.fn(() => {
    const status = statuses[Math.min(call, statuses.length - 1)] ?? "PENDING";
    call += 1;
    return Promise.resolve({ status });
  });
}

const INTERVAL = 1000;

withFakeClock();

describe("usePolling", () => {
  it("polls until the status is final, then stops", async () => {
    const fetchJob = jobAnswering("PENDING", "PENDING", "CONFIRMED");
    const { result } = renderHook(
      () =>
        usePolling<Job>({
          queryKey: ["job", 1],
          queryFn: fetchJob,
          isFinal: (job) => job.status !== "PENDING",
          intervalMs: INTERVAL,
        }),
      { wrapper },
    );
    await tick(0);
    expect(result.current.data?.status).toBe("PENDING");
    await tick(INTERVAL - 1);
    expect(fetchJob).toHaveBeenCalledTimes(1); // not before the interval
    await tick(1);
    expect(fetchJob).toHaveBeenCalledTimes(2);
    await tick(INTERVAL);
    expect(fetchJob).toHaveBeenCalledTimes(3);
    expect(result.current.data?.status).toBe("CONFIRMED");
    await tick(10 * INTERVAL); // a poll that had not stopped would have asked ten times more
    expect(fetchJob).toHaveBeenCalledTimes(3);
  });

  it("does not poll at all when the first answer is final", async () => {
    const fetchJob = jobAnswering("FAILED");
    const { result } = renderHook(
      () =>
        usePolling<Job>({ queryKey: ["job", 2], queryFn: fetchJob, isFinal: (job) => job.status !== "PENDING", intervalMs: INTERVAL }),
      { wrapper },
    );
    await tick(0);
    expect(result.current.data?.status).toBe("FAILED");
    await tick(10 * INTERVAL);
    expect(fetchJob).toHaveBeenCalledTimes(1);
  });

  it("stops polling when the job cannot be read", async () => {
    const fetchJob = vi.fn(() => Promise.reject(new Error("gone")));
    const { result } = renderHook(
      () => usePolling<Job>({ queryKey: ["job", 3], queryFn: fetchJob, isFinal: () => false, intervalMs: INTERVAL }),
      { wrapper },
    );
    await tick(0);
    expect(result.current.isError).toBe(true);
    await tick(10 * INTERVAL);
    expect(fetchJob).toHaveBeenCalledTimes(1);
  });

  it("keeps polling, once an interval, while the status is not final", async () => {
    const fetchJob = jobAnswering("PENDING");
    renderHook(
      () => usePolling<Job>({ queryKey: ["job", 4], queryFn: fetchJob, isFinal: (job) => job.status !== "PENDING", intervalMs: INTERVAL }),
      { wrapper },
    );
    await tick(0);
    await tick(5 * INTERVAL);
    expect(fetchJob).toHaveBeenCalledTimes(6);
  });
});
