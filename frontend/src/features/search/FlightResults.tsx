import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";

import {
  daysBetween,
  formatDay,
  durationInWords,
  formatDuration,
  formatLongDay,
  formatPrice,
  passengersText,
  localTime,
  offsetLabel,
  zoneAbbreviation,
} from "../../lib/format";
import { searchFlights } from "../../services/api";
import type { FlexDay, FlightResult, SortOrder } from "../../types/index";
import Pager from "../../components/Pager";
import type { SearchCriteria } from "./SearchForm";
import QueryView from "../../components/QueryView";

export const PAGE_SIZE = 10;
const FLEX_DAYS = 3;

/** The flights chosen from the results: the outbound one, and the return one for a round trip. */
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
  choice: TripChoice;
  onSort: (sort: SortOrder) => void;
  onPage: (page: number) => void;
  onDate: (date: string) => void;
  onChoose: (leg: keyof TripChoice, flightId: string) => void;
}

/** The flights found for a search: times at each airport, duration, price, seats left; sorted,
 * a page at a time, with the lowest price of the days around (the price calendar). */
export default function FlightResults({
  focusToken = 0,
  criteria,
  sort,
  page,
  choice,
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
    ...(criteria.returnDate ? { return_date: criteria.returnDate } : {}),
  };
  const results = useQuery({
    queryKey: ["search", query],
    queryFn: ({ signal }) => searchFlights(query, signal),
    placeholderData: keepPreviousData,
  });
  const travellers = passengersText(criteria.seats);
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
            <option value="price">Lowest price</option>
            <option value="departure">Earliest departure</option>
            <option value="duration">Shortest flight</option>
          </select>
        </div>
      </div>

      <QueryView query={results} loading="Searching for flights…" failed="The search failed">
        {(data) => (
          <>
            {data.flex && (
              <PriceCalendar days={data.flex} selected={criteria.date} label="Prices around your date" onPick={onDate} />
            )}
            <FlightList
              title="Outbound"
              flights={data.data}
              count={data.count}
              seats={criteria.seats}
              showTitle={Boolean(criteria.returnDate)}
              chosen={choice.outbound}
              onChoose={(flightId) => {
                onChoose("outbound", flightId);
              }}
            />
            {data.return_flights && (
              <FlightList
                title="Return"
                flights={data.return_flights.data}
                count={data.return_flights.count}
                seats={criteria.seats}
                showTitle
                chosen={choice.return}
                onChoose={(flightId) => {
                  onChoose("return", flightId);
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
          </>
        )}
      </QueryView>
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

function FlightList({
  title,
  flights,
  count,
  seats,
  showTitle,
  chosen,
  onChoose,
}: {
  title: string;
  flights: FlightResult[];
  count: number;
  seats: number;
  showTitle: boolean;
  chosen: string | null;
  onChoose: (flightId: string) => void;
}) {
  const found = count === 1 ? "1 flight" : `${count} flights`;
  return (
    <section aria-label={`${title} flights`} className="flight-list">
      {showTitle && <h3>{title}</h3>}
      {flights.length === 0 ? (
        <p role="status" className="empty">
          No flights with {seats === 1 ? "a free seat" : `${seats} free seats`} on this day. Try another date.
        </p>
      ) : (
        <>
          <p role="status" className="muted">
            {found} found
          </p>
          <ol className="cards">
            {flights.map((flight) => (
              <FlightCard
                key={flight.id}
                flight={flight}
                wanted={seats}
                chosen={flight.id === chosen}
                onChoose={() => {
                  onChoose(flight.id);
                }}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Endpoint({ iso, zone, airport, city }: { iso: string; zone: string; airport: string; city: string }) {
  const local = localTime(iso);
  const abbreviation = zoneAbbreviation(iso, zone);
  return (
    <div className="endpoint">
      <time dateTime={iso} className="clock">
        {local.time}
      </time>
      <span>
        <span className="airport-code">{airport}</span> {city && <span className="airport-city">{city}</span>}
      </span>
      <span className="muted small" title={zone}>
        {formatDay(local.date)} · {abbreviation ? `${abbreviation}, ` : ""}
        {offsetLabel(local.offset)}
      </span>
    </div>
  );
}

function FlightCard({
  flight,
  wanted,
  chosen,
  onChoose,
}: {
  flight: FlightResult;
  wanted: number;
  chosen: boolean;
  onChoose: () => void;
}) {
  const departure = localTime(flight.departure_ts);
  const arrival = localTime(flight.arrival_ts);
  const dayShift = daysBetween(departure.date, arrival.date);
  const left = flight.available_seats;
  return (
    <li
      className={chosen ? "card flight-card chosen" : "card flight-card"}
      aria-label={`${flight.flight_number} ${flight.source} to ${flight.destination}`}
    >
      <div className="flight-route">
        <Endpoint iso={flight.departure_ts} zone={flight.departure_tz} airport={flight.source} city={flight.source_city} />
        <div className="flight-middle">
          <span title={durationInWords(flight.duration_minutes)}>
            <span aria-hidden="true">{formatDuration(flight.duration_minutes)}</span>
            <span className="visually-hidden">{durationInWords(flight.duration_minutes)}</span>
          </span>
          <span className="line" aria-hidden="true" />
          <span className="muted small">{flight.flight_number}</span>
        </div>
        <Endpoint
          iso={flight.arrival_ts}
          zone={flight.arrival_tz}
          airport={flight.destination}
          city={flight.destination_city}
        />
        {dayShift !== 0 && (
          <span className="day-shift" title="Arrives on another day">
            {dayShift > 0 ? `+${dayShift}` : dayShift} day{Math.abs(dayShift) === 1 ? "" : "s"}
          </span>
        )}
      </div>
      <div className="flight-offer">
        <p className="price">
          {formatPrice(flight.price, flight.currency)} <span className="muted small">per seat</span>
        </p>
        <p className={left <= 5 ? "seats-left few" : "seats-left"}>
          {left === 0 ? "Sold out" : left === 1 ? "1 seat left" : `${String(left)} seats left`}
        </p>
        {left < wanted && !chosen ? (
          <p className="muted small">{left === 0 ? "Sold out since the search" : `Not ${String(wanted)} seats left`}</p>
        ) : (
          <button type="button" className={chosen ? "" : "primary"} aria-pressed={chosen} onClick={onChoose}>
            {chosen ? "Selected" : "Select"}
          </button>
        )}
      </div>
    </li>
  );
}
