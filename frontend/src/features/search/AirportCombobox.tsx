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
}

export function airportText(airport: Airport): string {
  return `${airport.city} (${airport.code})`;
}

/** Airport suggestions matching code, city or name, from `GET /api/v1/airports?q=`. */
export default function AirportCombobox(props: AirportComboboxProps) {
  return (
    <Combobox<Airport>
      {...props}
      queryKey={["airports", "suggestions"]}
      loadOptions={(query, signal) => searchAirports(query, signal)}
      getKey={(airport) => airport.code}
      getText={airportText}
      placeholder="City, airport or code"
      noMatchesText="No airport matches"
      renderOption={(airport) => (
        <>
          <span className="airport-code">{airport.code}</span>
          <span className="airport-place">
            {airport.city}, {airport.country}
            <small>{airport.name}</small>
          </span>
        </>
      )}
    />
  );
}
