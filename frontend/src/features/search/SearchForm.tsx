import { useState, type SyntheticEvent } from "react";

import { todayIso } from "../../lib/dates";
import type { Airport } from "../../types/index";
import AirportCombobox from "./AirportCombobox";

export interface SearchCriteria {
  source: string;
  destination: string;
  date: string;
  seats: number;
  /** A round trip's date back, at the destination; absent for one way. */
  returnDate?: string;
}

export const MAX_PASSENGERS = 9;

type Field = "source" | "destination" | "date" | "seats" | "returnDate";

/** What is wrong with the criteria, per field; empty when they can be searched. */
export function validateSearch(
  criteria: { source: string | null; destination: string | null; date: string; seats: number; returnDate?: string },
  today: string = todayIso(),
): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!criteria.source) errors.source = "Choose a departure airport from the list.";
  if (!criteria.destination) errors.destination = "Choose an arrival airport from the list.";
  else if (criteria.source === criteria.destination)
    errors.destination = "Choose an arrival airport other than the departure.";
  if (!criteria.date) errors.date = "Choose a date.";
  else if (criteria.date < today) errors.date = "Choose today or a later date.";
  if (criteria.returnDate && criteria.date && criteria.returnDate < criteria.date)
    errors.returnDate = "Come back on or after the day you leave.";
  if (!Number.isInteger(criteria.seats) || criteria.seats < 1 || criteria.seats > MAX_PASSENGERS)
    errors.seats = `Between 1 and ${MAX_PASSENGERS} passengers.`;
  return errors;
}

export interface SearchFormProps {
  initial?: Partial<SearchCriteria>;
  /** What is wrong with `initial` (a bookmarked search whose date has passed), shown at once. */
  initialErrors?: Partial<Record<Field, string>>;
  onSearch: (criteria: SearchCriteria) => void;
}

/** Where from, where to, when and how many: airports picked from suggestions. */
export default function SearchForm({ initial = {}, initialErrors = {}, onSearch }: SearchFormProps) {
  const [source, setSource] = useState<string | null>(initial.source ?? null);
  const [destination, setDestination] = useState<string | null>(initial.destination ?? null);
  const [date, setDate] = useState(initial.date ?? "");
  const [returnDate, setReturnDate] = useState(initial.returnDate ?? "");
  const [seats, setSeats] = useState(initial.seats ?? 1);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>(initialErrors);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = validateSearch({ source, destination, date, seats, returnDate });
    setErrors(found);
    if (source && destination && Object.keys(found).length === 0) {
      onSearch({ source, destination, date, seats, ...(returnDate ? { returnDate } : {}) });
    }
  };
  const code = (airport: Airport | null) => airport?.code ?? null;

  return (
    <form className="search-form" role="search" aria-label="Search flights" noValidate onSubmit={submit}>
      <AirportCombobox
        label="From"
        name="source"
        initialText={initial.source}
        error={errors.source}
        onSelect={(airport) => {
          setSource(code(airport));
        }}
      />
      <AirportCombobox
        label="To"
        name="destination"
        initialText={initial.destination}
        error={errors.destination}
        onSelect={(airport) => {
          setDestination(code(airport));
        }}
      />
      <div className="field">
        <label htmlFor="search-date">Date</label>
        <input
          id="search-date"
          type="date"
          name="date"
          min={todayIso()}
          value={date}
          aria-invalid={errors.date !== undefined}
          aria-describedby={errors.date ? "search-date-error" : undefined}
          onChange={(event) => {
            setDate(event.target.value);
          }}
        />
        {errors.date && (
          <p id="search-date-error" className="field-error">
            {errors.date}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="search-return">
          Return <span className="muted">(optional)</span>
        </label>
        <input
          id="search-return"
          type="date"
          name="return_date"
          min={date || todayIso()}
          value={returnDate}
          aria-invalid={errors.returnDate !== undefined}
          aria-describedby={errors.returnDate ? "search-return-error" : undefined}
          onChange={(event) => {
            setReturnDate(event.target.value);
          }}
        />
        {errors.returnDate && (
          <p id="search-return-error" className="field-error">
            {errors.returnDate}
          </p>
        )}
      </div>
      <div className="field field-narrow">
        <label htmlFor="search-seats">Passengers</label>
        <input
          id="search-seats"
          type="number"
          name="seats"
          min={1}
          max={MAX_PASSENGERS}
          value={seats}
          aria-invalid={errors.seats !== undefined}
          aria-describedby={errors.seats ? "search-seats-error" : undefined}
          onChange={(event) => {
            setSeats(event.target.valueAsNumber);
          }}
        />
        {errors.seats && (
          <p id="search-seats-error" className="field-error">
            {errors.seats}
          </p>
        )}
      </div>
      <button type="submit" className="primary">
        Search flights
      </button>
    </form>
  );
}
