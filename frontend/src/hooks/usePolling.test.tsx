import { QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";

import { newQueryClient } from "../test/render";
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

const sleep = (ms: number) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

describe("usePolling", () => {
  it("polls until the status is final, then stops", async () => {
    const fetchJob = jobAnswering("PENDING", "PENDING", "CONFIRMED");
    const { result } = renderHook(
      () =>
        usePolling<Job>({
          queryKey: ["job", 1],
          queryFn: fetchJob,
          isFinal: (job) => job.status !== "PENDING",
          intervalMs: 10,
        }),
      { wrapper },
    );
    await waitFor(() => {
      expect(result.current.data?.status).toBe("CONFIRMED");
    });
    expect(fetchJob).toHaveBeenCalledTimes(3);
    await sleep(100); // ten intervals: a poll that had not stopped would have asked again
    expect(fetchJob).toHaveBeenCalledTimes(3);
  });

  it("does not poll at all when the first answer is final", async () => {
    const fetchJob = jobAnswering("FAILED");
    const { result } = renderHook(
      () =>
        usePolling<Job>({ queryKey: ["job", 2], queryFn: fetchJob, isFinal: (job) => job.status !== "PENDING", intervalMs: 10 }),
      { wrapper },
    );
    await waitFor(() => {
      expect(result.current.data?.status).toBe("FAILED");
    });
    await sleep(100);
    expect(fetchJob).toHaveBeenCalledTimes(1);
  });

  it("stops polling when the job cannot be read", async () => {
    const fetchJob = vi.fn(() => Promise.reject(new Error("gone")));
    const { result } = renderHook(
      () => usePolling<Job>({ queryKey: ["job", 3], queryFn: fetchJob, isFinal: () => false, intervalMs: 10 }),
      { wrapper },
    );
    await waitFor(() => {
      expect(result.current.isError).toBe(true);
    });
    await sleep(100);
    expect(fetchJob).toHaveBeenCalledTimes(1);
  });

  it("keeps polling while the status is not final", async () => {
    const fetchJob = jobAnswering("PENDING");
    renderHook(
      () => usePolling<Job>({ queryKey: ["job", 4], queryFn: fetchJob, isFinal: (job) => job.status !== "PENDING", intervalMs: 10 }),
      { wrapper },
    );
    await waitFor(() => {
      expect(fetchJob.mock.calls.length).toBeGreaterThanOrEqual(4);
    });
  });
});
