import { useState } from "react";
import { useSearchParams } from "react-router";

import FlightResults, { type TripChoice } from "./FlightResults";
import TripSummary from "./TripSummary";
import SearchForm, { validateSearch, type SearchCriteria } from "./SearchForm";
import { usePageParam } from "../../hooks/usePageParam";
import type { SortOrder } from "../../types/index";

const SORTS: readonly SortOrder[] = ["price", "departure", "duration"];

/** The search criteria live in the URL, so that a reload, the back button or a shared link shows
 * the same search, sort and page. */
function criteriaFrom(params: URLSearchParams): SearchCriteria | null {
  const returnDate = params.get("return_date") ?? "";
  const criteria = {
    source: params.get("source") ?? "",
    destination: params.get("destination") ?? "",
    date: params.get("date") ?? "",
    seats: Number(params.get("seats") ?? "1"),
    ...(returnDate ? { returnDate } : {}),
  };
  return Object.keys(validateSearch(criteria)).length === 0 ? criteria : null;
}

function sortFrom(params: URLSearchParams): SortOrder {
  const sort = params.get("sort");
  return SORTS.find((candidate) => candidate === sort) ?? "price";
}

export default function HomePage() {
  const [params, setParams] = useSearchParams();
  const criteria = criteriaFrom(params);
  const sort = sortFrom(params);
  // The chosen flights are in the URL too: logging in to book comes back to them.
  const choice: TripChoice = { outbound: params.get("outbound"), return: params.get("return") };
  const [page, setPage] = usePageParam();
  // Counts the searches sent from the form: each moves the focus (and the view) to the results.
  const [searches, setSearches] = useState(0);

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
      <SearchForm
        // A new search in the URL (back/forward) starts the form afresh from it.
        key={criteria ? JSON.stringify(criteria) : "empty"}
        initial={criteria ?? {}}
        onSearch={(next) => {
          setSearches((count) => count + 1);
          update({
            source: next.source,
            destination: next.destination,
            date: next.date,
            seats: String(next.seats),
            return_date: next.returnDate ?? null,
            page: null,
            outbound: null,
            return: null,
          });
        }}
      />
      {criteria && (
        <FlightResults
          focusToken={searches}
          criteria={criteria}
          sort={sort}
          page={page}
          onSort={(value) => {
            update({ sort: value, page: null });
          }}
          onPage={setPage}
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
