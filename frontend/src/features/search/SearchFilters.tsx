import { useState } from "react";

import { typedPrice } from "../../lib/format";
import type { Airline } from "../../types/index";

/** The filters of a search as the URL keeps them (the API's names and forms). */
export interface TripFilters {
  max_stops?: number;
  departure_window?: string;
  arrival_window?: string;
  airlines?: string;
  max_price?: string;
}

export const FILTER_PARAMS = ["max_stops", "departure_window", "arrival_window", "airlines", "max_price"] as const;

/** Parts of the day, as local time windows at the airport. */
export const DAY_PARTS: readonly { label: string; window: string }[] = [
  { label: "Night (00:00–04:59)", window: "00:00-04:59" },
  { label: "Morning (05:00–11:59)", window: "05:00-11:59" },
  { label: "Afternoon (12:00–17:59)", window: "12:00-17:59" },
  { label: "Evening (18:00–23:59)", window: "18:00-23:59" },
];

export function filtersFrom(params: URLSearchParams): TripFilters {
  const filters: TripFilters = {};
  const stops = params.get("max_stops");
  if (stops !== null && ["0", "1", "2"].includes(stops)) filters.max_stops = Number(stops);
  for (const name of ["departure_window", "arrival_window", "airlines", "max_price"] as const) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/**
 * Stops, departure and arrival time, airlines and a top price. Each change applies at once. On a
 * phone the panel is a drawer behind a "Filters" button (CSS shows it open on wider screens).
 */
export default function SearchFilters({
  filters,
  airlines,
  onChange,
}: {
  filters: TripFilters;
  airlines: Airline[];
  onChange: (changes: Partial<Record<(typeof FILTER_PARAMS)[number], string | null>>) => void;
}) {
  const [open, setOpen] = useState(false);
  const chosen = (filters.airlines ?? "").split(",").filter(Boolean);
  const [price, setPrice] = useState(filters.max_price ?? "");
  const active = Object.keys(filters).length;
  const toggleAirline = (code: string, on: boolean) => {
    const next = on ? [...chosen, code] : chosen.filter((item) => item !== code);
    onChange({ airlines: next.length > 0 ? next.sort().join(",") : null });
  };
  return (
    <aside className="search-filters" aria-label="Filters">
      <button
        type="button"
        className="filters-toggle"
        aria-expanded={open}
        aria-controls="filters-panel"
        onClick={() => {
          setOpen(!open);
        }}
      >
        Filters{active > 0 && ` (${String(active)})`}
      </button>
      <div id="filters-panel" className={open ? "filters-panel open" : "filters-panel"}>
        <fieldset>
          <legend>Stops</legend>
          {[
            ["0", "Direct only"],
            ["1", "1 stop at most"],
            ["2", "Up to 2 stops"],
          ].map(([value, label]) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name="max_stops"
                value={value}
                checked={String(filters.max_stops ?? 1) === value}
                onChange={() => {
                  onChange({ max_stops: value === "1" ? null : value });
                }}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <TimeOfDay
          id="filter-departs"
          label="Departure time"
          value={filters.departure_window}
          onChange={(window) => {
            onChange({ departure_window: window });
          }}
        />
        <TimeOfDay
          id="filter-arrives"
          label="Arrival time"
          value={filters.arrival_window}
          onChange={(window) => {
            onChange({ arrival_window: window });
          }}
        />
        {(airlines.length > 0 || chosen.length > 0) && (
          <fieldset>
            <legend>Airlines</legend>
            {mergeAirlines(airlines, chosen).map((airline) => (
              <label key={airline.code} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.includes(airline.code)}
                  onChange={(event) => {
                    toggleAirline(airline.code, event.target.checked);
                  }}
                />
                {airline.name}
              </label>
            ))}
            <p className="muted small">None ticked: every airline.</p>
          </fieldset>
        )}
        <form
          className="field"
          onSubmit={(event) => {
            event.preventDefault();
            onChange({ max_price: typedPrice(price) });
          }}
        >
          <label htmlFor="filter-price">Highest price per seat</label>
          <div className="inline">
            <input
              id="filter-price"
              inputMode="decimal"
              value={price}
              onChange={(event) => {
                setPrice(event.target.value);
              }}
            />
            <button type="submit">Apply</button>
          </div>
        </form>
      </div>
    </aside>
  );
}

/** The airlines of the results, with those ticked before even when no result has them now. */
function mergeAirlines(airlines: Airline[], chosen: string[]): Airline[] {
  const known = new Map(airlines.map((airline) => [airline.code, airline]));
  for (const code of chosen) if (!known.has(code)) known.set(code, { code, name: code });
  return [...known.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function TimeOfDay({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (window: string | null) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ""}
        onChange={(event) => {
          onChange(event.target.value || null);
        }}
      >
        <option value="">Any time</option>
        {value && !DAY_PARTS.some((part) => part.window === value) && <option value={value}>{value}</option>}
        {DAY_PARTS.map((part) => (
          <option key={part.window} value={part.window}>
            {part.label}
          </option>
        ))}
      </select>
    </div>
  );
}
