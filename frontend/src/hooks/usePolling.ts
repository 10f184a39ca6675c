/**
 * Polls a job (a booking, an import) until it reaches a final status: a TanStack query whose
 * `refetchInterval` is switched off once `isFinal(data)` holds, or once the job cannot be read
 * (an error is shown with a retry instead of being hammered).
 */
import { useQuery, type QueryKey } from "@tanstack/react-query";

export interface PollingOptions<T> {
  queryKey: QueryKey;
  queryFn: (signal: AbortSignal) => Promise<T>;
  isFinal: (data: T) => boolean;
  intervalMs?: number;
  enabled?: boolean;
}

export function usePolling<T>({ queryKey, queryFn, isFinal, intervalMs = 1000, enabled = true }: PollingOptions<T>) {
  return useQuery({
    queryKey,
    queryFn: ({ signal }) => queryFn(signal),
    enabled,
    refetchInterval: (query) => {
      const { data, status } = query.state;
      if (status === "error" || (data !== undefined && isFinal(data))) return false;
      return intervalMs;
    },
    // A job page left in a background tab keeps following the job.
    refetchIntervalInBackground: true,
  });
}
