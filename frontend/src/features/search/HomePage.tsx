import { useState } from "react";
import { useSearchParams } from "react-router";

import FlightResults, { type TripChoice } from "./FlightResults";
import TripSummary from "./TripSummary";
import { FILTER_PARAMS, filtersFrom } from "./SearchFilters";
import SearchForm, { validateSearch, type SearchCriteria } from "./SearchForm";
import { usePageParam } from "../../hooks/usePageParam";
import { formatDay, passengersText } from "../../lib/format";
import type { SortOrder } from "../../types/index";

const SORTS: readonly SortOrder[] = ["best", "price", "departure", "duration"];

/** The search criteria live in the URL, so that a reload, the back button or a shared link shows
 * the same search, sort and page. A link that can no longer be searched (its date has passed)
 * comes with what is wrong, to show on the form it fills. */
function criteriaFrom(params: URLSearchParams) {
  const returnDate = params.get("return_date") ?? "";
  const criteria: SearchCriteria = {
    source: params.get("source") ?? "",
    destination: params.get("destination") ?? "",
    date: params.get("date") ?? "",
    seats: Number(params.get("seats") ?? "1"),
    ...(returnDate ? { returnDate } : {}),
  };
  const errors = params.has("source") ? validateSearch(criteria) : {};
  return { criteria, errors, valid: params.has("source") && Object.keys(errors).length === 0 };
}

function sortFrom(params: URLSearchParams): SortOrder {
  const sort = params.get("sort");
  return SORTS.find((candidate) => candidate === sort) ?? "best";
}

export default function HomePage() {
  const [params, setParams] = useSearchParams();
  const asked = criteriaFrom(params);
  const criteria = asked.valid ? asked.criteria : null;
  const sort = sortFrom(params);
  const filters = filtersFrom(params);
  // The chosen flights are in the URL too: logging in to book comes back to them.
  const choice: TripChoice = { outbound: params.get("outbound"), return: params.get("return") };
  const [page, setPage] = usePageParam();
  // Counts the searches sent from the form and the pages turned: each moves the focus (and the
  // view) to the top of the results.
  const [searches, setSearches] = useState(0);
  // On a phone the form folds into a one-line summary once there are results (CSS decides the
  // width); "Change search" opens it again.
  const [changing, setChanging] = useState(false);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };

  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">Find a flight</h1>
      {criteria && !changing && (
        <div className="search-summary">
          <p>
            <strong>
              {criteria.source} → {criteria.destination}
            </strong>{" "}
            · {formatDay(criteria.date)}
            {criteria.returnDate && ` – ${formatDay(criteria.returnDate)}`} ·{" "}
            {passengersText(criteria.seats)}
          </p>
          <button
            type="button"
            onClick={() => {
              setChanging(true);
              // The form shows again: its first field takes the focus once it is there.
              requestAnimationFrame(() => {
                document.querySelector<HTMLInputElement>(".search-area input")?.focus();
              });
            }}
          >
            Change search
          </button>
        </div>
      )}
      <div className={criteria && !changing ? "search-area folded" : "search-area"}>
      <SearchForm
        // A new search in the URL (back/forward) starts the form afresh from it.
        key={JSON.stringify(asked.criteria)}
        initial={params.has("source") ? asked.criteria : {}}
        initialErrors={asked.errors}
        onSearch={(next) => {
          setSearches((count) => count + 1);
          setChanging(false);
          update({
            source: next.source,
            destination: next.destination,
            date: next.date,
            seats: String(next.seats),
            return_date: next.returnDate ?? null,
            page: null,
            outbound: null,
            return: null,
            ...Object.fromEntries(FILTER_PARAMS.map((name) => [name, params.get(name)])),
          });
        }}
      />
      </div>
      {criteria && (
        <FlightResults
          focusToken={searches}
          criteria={criteria}
          sort={sort}
          page={page}
          filters={filters}
          onFilters={(changes) => {
            // Other results: the choice made among the old ones goes, and paging starts again.
            update({ ...changes, page: null, outbound: null, return: null });
          }}
          onSort={(value) => {
            update({ sort: value, page: null });
          }}
          onPage={(next) => {
            setPage(next);
            setSearches((count) => count + 1); // the new page's results, from their top
          }}
          onDate={(date) => {
            // A return before the new outbound date would make the search invalid: drop it.
            const returnDate = criteria.returnDate && criteria.returnDate >= date ? criteria.returnDate : null;
            update({ date, return_date: returnDate, page: null, outbound: null });
          }}
          choice={choice}
          onChoose={(leg, flightId) => {
            update({ [leg]: flightId });
          }}
        />
      )}
      {criteria && (
        <TripSummary choice={choice} roundTrip={Boolean(criteria.returnDate)} passengers={criteria.seats} />
      )}
    </section>
  );
}
