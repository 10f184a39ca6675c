import { useQuery } from "@tanstack/react-query";

import { searchAirports } from "../../services/api";
import type { Airport } from "../../types/index";
import Combobox from "../../components/Combobox";

export interface AirportComboboxProps {
  label: string;
  name: string;
  onSelect: (airport: Airport | null) => void;
  initialText?: string;
  error?: string;
  debounceMs?: number;
  /** Airports alone, no "all airports" city entries (a flight leaves from one airport). */
  airportsOnly?: boolean;
}

/** "London (LHR)" for an airport, "London, all airports (LON)" for a city. */
export function airportText(airport: Airport): string {
  return airport.kind === "city" ? `${airport.city}, all airports (${airport.code})` : `${airport.city} (${airport.code})`;
}

const CODE = /^[A-Z]{3}$/;

/** Airport suggestions matching code, city or name, from `GET /api/v1/airports?q=`. A field that
 * starts from a bare code (a search in the URL) shows it as "London (LHR)" once it is looked up. */
export default function AirportCombobox({ airportsOnly = false, ...props }: AirportComboboxProps) {
  const code = props.initialText ?? "";
  const known = useQuery({
    queryKey: ["airports", "code", code],
    queryFn: ({ signal }) => searchAirports(code, signal, 1),
    enabled: CODE.test(code),
    staleTime: Infinity,
    select: (found) => found.find((airport) => airport.code === code),
  });
  const initialText = known.data ? airportText(known.data) : code;
  return (
    <Combobox<Airport>
      {...props}
      key={initialText}
      initialText={initialText}
      queryKey={["airports", "suggestions", airportsOnly]}
      loadOptions={async (query, signal) => {
        const found = await searchAirports(query, signal);
        return airportsOnly ? found.filter((airport) => airport.kind === "airport") : found;
      }}
      getKey={(airport) => airport.code}
      getText={airportText}
      placeholder="City, airport or code"
      noMatchesText="No airport matches"
      renderOption={(airport) => (
        <>
          <span className="airport-code">{airport.code}</span>
          <span className="airport-place">
            {airport.kind === "city" ? `${airport.city} (all airports)` : `${airport.city}, ${airport.country}`}
            <small>{airport.kind === "city" ? "Every airport of the city" : airport.name}</small>
          </span>
        </>
      )}
    />
  );
}
