/** The flights of a trip, read live from the API (never from a cached search): their seats and
 * prices are those of this moment. */
import { useQueries } from "@tanstack/react-query";

import { getFlight } from "../../services/api";
import type { FlightResult } from "../../types/index";

export function useFlights(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ["flight", id],
      queryFn: ({ signal }: { signal: AbortSignal }) => getFlight(id, signal),
    })),
    combine: (results) => ({
      flights: results.every((result) => result.data !== undefined)
        ? results.map((result) => result.data)
        : undefined,
      error: results.find((result) => result.error !== null)?.error ?? null,
      refetch: () => {
        results.forEach((result) => {
          void result.refetch();
        });
      },
    }),
  });
}

/** What `seats` seats on each flight cost, summed in cents (prices are decimal strings). */
export function tripTotal(flights: Pick<FlightResult, "price">[], seats: number): number {
  const cents = flights.reduce((sum, flight) => sum + Math.round(Number(flight.price) * 100), 0);
  return (cents * seats) / 100;
}
