import type { SearchCriteria } from "./SearchForm";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeZone: "UTC" });

/** The flights found for a search. Results appear once the search API is part of the schema. */
export default function FlightResults({ criteria }: { criteria: SearchCriteria }) {
  const day = dateFormat.format(new Date(`${criteria.date}T00:00:00Z`));
  const travellers = criteria.seats === 1 ? "1 passenger" : `${criteria.seats} passengers`;
  return (
    <section className="results" aria-labelledby="results-title">
      <h2 id="results-title">
        {criteria.source} → {criteria.destination}
      </h2>
      <p className="muted">
        {day} · {travellers}
      </p>
      <p role="status">Flight search is not available yet.</p>
    </section>
  );
}
