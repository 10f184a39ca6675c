import { useSearchParams } from "react-router";

import FlightResults from "../components/FlightResults";
import SearchForm, { validateSearch, type SearchCriteria } from "../components/SearchForm";

/** The search criteria live in the URL, so that a reload or a shared link shows the same search. */
function criteriaFrom(params: URLSearchParams): SearchCriteria | null {
  const criteria = {
    source: params.get("source") ?? "",
    destination: params.get("destination") ?? "",
    date: params.get("date") ?? "",
    seats: Number(params.get("seats") ?? "1"),
  };
  return Object.keys(validateSearch(criteria)).length === 0 ? criteria : null;
}

export default function HomePage() {
  const [params, setParams] = useSearchParams();
  const criteria = criteriaFrom(params);
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">Find a flight</h1>
      <SearchForm
        initial={criteria ?? {}}
        onSearch={(next) => {
          setParams({ ...next, seats: String(next.seats) });
        }}
      />
      {criteria && <FlightResults criteria={criteria} />}
    </section>
  );
}
