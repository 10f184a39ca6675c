import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import { formatDay, formatLongDay, formatPrice, passengersText } from "../../lib/format";
import { searchFlights } from "../../services/api";
import type { Airline, FlexDay, Itinerary, SortOrder } from "../../types/index";
import ItineraryCard from "./ItineraryCard";
import MonthGrid from "./MonthGrid";
import SearchFilters, { type TripFilters } from "./SearchFilters";
import Pager from "../../components/Pager";
import type { SearchCriteria } from "./SearchForm";
import QueryView from "../../components/QueryView";

export const PAGE_SIZE = 10;
const FLEX_DAYS = 3;

/** The itineraries chosen from the results (each the ids of its flights, comma-separated): the
 * outbound one, and the return one for a round trip. */
export interface TripChoice {
  outbound: string | null;
  return: string | null;
}

export interface FlightResultsProps {
  /** Changes with each search sent from the form: the results heading then takes the focus. */
  focusToken?: number;
  criteria: SearchCriteria;
  sort: SortOrder;
  page: number;
  filters: TripFilters;
  choice: TripChoice;
  onFilters: (changes: Record<string, string | null>) => void;
  onSort: (sort: SortOrder) => void;
  onPage: (page: number) => void;
  onDate: (date: string) => void;
  onChoose: (leg: keyof TripChoice, itineraryId: string) => void;
}

/** The itineraries found for a search: direct flights and connections with times at each
 * airport, duration, stops, price, seats left; filtered, sorted, a page at a time, with the
 * lowest price of the days around (the price calendar). */
export default function FlightResults({
  focusToken = 0,
  criteria,
  sort,
  page,
  filters,
  choice,
  onFilters,
  onSort,
  onPage,
  onDate,
  onChoose,
}: FlightResultsProps) {
  const query = {
    source: criteria.source,
    destination: criteria.destination,
    date: criteria.date,
    seats: criteria.seats,
    sort,
    page,
    page_size: PAGE_SIZE,
    flex: FLEX_DAYS,
    ...filters,
    ...(criteria.returnDate ? { return_date: criteria.returnDate } : {}),
  };
  const results = useQuery({
    queryKey: ["search", query],
    queryFn: ({ signal }) => searchFlights(query, signal),
    placeholderData: keepPreviousData,
  });
  const travellers = passengersText(criteria.seats);
  const [showMonth, setShowMonth] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusToken === 0) return;
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "start" });
  }, [focusToken]);

  return (
    <section className="results" aria-labelledby="results-title" aria-busy={results.isFetching}>
      <div className="results-head">
        <div>
          <h2 id="results-title" ref={heading} tabIndex={-1}>
            {criteria.source} → {criteria.destination}
          </h2>
          <p className="muted">
            {formatLongDay(criteria.date)}
            {criteria.returnDate && ` – back ${formatLongDay(criteria.returnDate)}`} · {travellers}
          </p>
        </div>
        <div className="field field-inline">
          <label htmlFor="results-sort">Sort by</label>
          <select
            id="results-sort"
            value={sort}
            onChange={(event) => {
              onSort(event.target.value as SortOrder);
            }}
          >
            <option value="best">Best (price, time, stops)</option>
            <option value="price">Lowest price</option>
            <option value="departure">Earliest departure</option>
            <option value="duration">Shortest journey</option>
          </select>
        </div>
      </div>

      <div className="results-body">
      <SearchFilters filters={filters} airlines={airlinesOf(results.data?.data ?? [])} onChange={onFilters} />
      <QueryView query={results} loading="Searching for flights…" failed="The search failed">
        {(data) => (
          <div className="results-list">
            {data.flex && (
              <PriceCalendar days={data.flex} selected={criteria.date} label="Prices around your date" onPick={onDate} />
            )}
            <button
              type="button"
              className="link-button"
              aria-expanded={showMonth}
              onClick={() => {
                setShowMonth(!showMonth);
              }}
            >
              {showMonth ? "Hide the month's prices" : "Prices for the whole month"}
            </button>
            {showMonth && (
              <MonthGrid
                source={criteria.source}
                destination={criteria.destination}
                date={criteria.date}
                seats={criteria.seats}
                filters={filters}
                onPick={onDate}
              />
            )}
            <FlightList
              title="Outbound"
              itineraries={data.data}
              count={data.count}
              seats={criteria.seats}
              showTitle={Boolean(criteria.returnDate)}
              chosen={choice.outbound}
              onChoose={(itineraryId) => {
                onChoose("outbound", itineraryId);
              }}
            />
            {data.return_flights && (
              <FlightList
                title="Return"
                itineraries={data.return_flights.data}
                count={data.return_flights.count}
                seats={criteria.seats}
                showTitle
                chosen={choice.return}
                onChoose={(itineraryId) => {
                  onChoose("return", itineraryId);
                }}
              />
            )}
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              count={Math.max(data.count, data.return_flights?.count ?? 0)}
              onPage={onPage}
              label="Result pages"
            />
          </div>
        )}
      </QueryView>
      </div>
    </section>
  );
}

function PriceCalendar({
  days,
  selected,
  label,
  onPick,
}: {
  days: FlexDay[];
  selected: string;
  label: string;
  onPick: (date: string) => void;
}) {
  const strip = useRef<HTMLUListElement>(null);
  // On a narrow screen the days overflow the strip: bring the chosen day to its middle when the
  // days arrive and when another day is chosen. Only the strip scrolls (scrollIntoView would
  // scroll the page as well, jumping away from where the reader is).
  useEffect(() => {
    const list = strip.current;
    const chosen = list?.querySelector('[aria-current="date"]');
    if (!list || !chosen) return;
    const listBox = list.getBoundingClientRect();
    const dayBox = chosen.getBoundingClientRect();
    list.scrollLeft += dayBox.left + dayBox.width / 2 - (listBox.left + listBox.width / 2);
  }, [days, selected]);

  if (days.length === 0) return null;
  return (
    <nav className="price-calendar" aria-label={label}>
      <ul ref={strip}>
        {days.map((day) => (
          <li key={day.date}>
            <button
              type="button"
              aria-current={day.date === selected ? "date" : undefined}
              onClick={() => {
                onPick(day.date);
              }}
            >
              <span>{formatDay(day.date)}</span>
              <strong>{day.lowest_price === null ? "—" : formatPrice(day.lowest_price, day.currency)}</strong>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Every airline of the itineraries shown, once, by name. */
function airlinesOf(itineraries: Itinerary[]): Airline[] {
  const found = new Map<string, Airline>();
  for (const itinerary of itineraries) for (const airline of itinerary.airlines) found.set(airline.code, airline);
  return [...found.values()];
}

function FlightList({
  title,
  itineraries,
  count,
  seats,
  showTitle,
  chosen,
  onChoose,
}: {
  title: string;
  itineraries: Itinerary[];
  count: number;
  seats: number;
  showTitle: boolean;
  chosen: string | null;
  onChoose: (itineraryId: string) => void;
}) {
  const found = count === 1 ? "1 way to fly" : `${String(count)} ways to fly`;
  return (
    <section aria-label={`${title} flights`} className="flight-list">
      {showTitle && <h3>{title}</h3>}
      {itineraries.length === 0 ? (
        <p role="status" className="empty">
          No flights with {seats === 1 ? "a free seat" : `${String(seats)} free seats`} on this day. Try another date
          or fewer filters.
        </p>
      ) : (
        <>
          <p role="status" className="muted">
            {found} found
          </p>
          <ol className="cards">
            {itineraries.map((itinerary) => (
              <ItineraryCard
                key={itinerary.id}
                itinerary={itinerary}
                wanted={seats}
                chosen={itinerary.id === chosen}
                onChoose={() => {
                  onChoose(itinerary.id);
                }}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
