import { useQuery } from "@tanstack/react-query";

import { formatPrice } from "../../lib/format";
import { monthPrices } from "../../services/api";
import type { MonthDay } from "../../types/index";
import QueryView from "../../components/QueryView";
import type { TripFilters } from "./SearchFilters";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The lowest price of a day: direct or connecting, whichever is cheaper. */
export function lowest(day: MonthDay): string | null {
  const prices = [day.direct_price, day.connecting_price].filter((price): price is string => price !== null);
  if (prices.length === 0) return null;
  return prices.reduce((low, price) => (Number(price) < Number(low) ? price : low));
}

/** The month with `date`: "2027-03". */
function monthOf(date: string): string {
  return date.slice(0, 7);
}

/**
 * A month as a calendar grid, each day with its lowest price per seat (direct or with a
 * connection), from one request; a day is a button that searches it.
 */
export default function MonthGrid({
  source,
  destination,
  date,
  seats,
  filters,
  onPick,
}: {
  source: string;
  destination: string;
  date: string;
  seats: number;
  filters: TripFilters;
  onPick: (date: string) => void;
}) {
  const month = monthOf(date);
  const query = { source, destination, month, seats, ...filters };
  const prices = useQuery({
    queryKey: ["month", query],
    queryFn: ({ signal }) => monthPrices(query, signal),
  });
  const first = new Date(`${month}-01T00:00:00Z`);
  const title = first.toLocaleDateString(undefined, { month: "long", year: "numeric", timeZone: "UTC" });
  return (
    <section className="month-grid" aria-label={`Prices in ${title}`}>
      <h3>{title}</h3>
      <QueryView query={prices} loading="Loading the month's prices…" failed="The month's prices could not be loaded">
        {(days) => (
          <div className="month-days" role="group" aria-label={`Days of ${title}`}>
            {/* The month from today on: its first day shown starts under its weekday (Monday first). */}
            {WEEKDAYS.map((name) => (
              <span key={name} className="weekday" aria-hidden="true">
                {name}
              </span>
            ))}
            {Array.from({ length: days[0] ? (new Date(`${days[0].date}T00:00:00Z`).getUTCDay() + 6) % 7 : 0 }, (_, n) => (
              <span key={`blank-${String(n)}`} aria-hidden="true" />
            ))}
            {days.map((day) => {
              const price = lowest(day);
              const number = Number(day.date.slice(8));
              return (
                <button
                  key={day.date}
                  type="button"
                  aria-current={day.date === date ? "date" : undefined}
                  aria-label={`${day.date}: ${price === null ? "no flights" : `from ${formatPrice(price, day.currency)}`}`}
                  disabled={price === null}
                  onClick={() => {
                    onPick(day.date);
                  }}
                >
                  <span>{number}</span>
                  <strong>{price === null ? "—" : formatPrice(price, day.currency)}</strong>
                </button>
              );
            })}
          </div>
        )}
      </QueryView>
    </section>
  );
}
