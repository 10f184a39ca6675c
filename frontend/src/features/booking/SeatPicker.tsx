import { MAX_PASSENGERS } from "../search/SearchForm";

/** At most this many seats in one booking: the API's limit, and the seats left. */
export function maxSeats(available: number): number {
  return Math.max(0, Math.min(MAX_PASSENGERS, available));
}

/** Why `seats` cannot be booked on a flight with `available` seats left, or null. */
export function validateSeats(seats: number, available: number): string | null {
  const most = maxSeats(available);
  if (most === 0) return "This flight has no seats left.";
  if (!Number.isInteger(seats) || seats < 1) return `Choose from 1 to ${most} seats.`;
  if (seats > available) return available === 1 ? "Only 1 seat is left." : `Only ${available} seats are left.`;
  if (seats > MAX_PASSENGERS) return `At most ${MAX_PASSENGERS} seats in one booking.`;
  return null;
}

export interface SeatPickerProps {
  id: string;
  seats: number;
  available: number;
  error: string | null;
  onChange: (seats: number) => void;
}

/** The number of seats, with − and + buttons that stay within 1 and what can be booked. */
export default function SeatPicker({ id, seats, available, error, onChange }: SeatPickerProps) {
  const most = maxSeats(available);
  return (
    <div className="field seat-picker">
      <label htmlFor={id}>Seats</label>
      <div className="stepper">
        <button
          type="button"
          aria-label="One seat fewer"
          disabled={!(seats > 1)}
          onClick={() => {
            onChange(Math.min(most, seats - 1));
          }}
        >
          −
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={most}
          value={Number.isNaN(seats) ? "" : seats}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? `${id}-error` : `${id}-hint`}
          onChange={(event) => {
            onChange(event.target.valueAsNumber);
          }}
        />
        <button
          type="button"
          aria-label="One seat more"
          disabled={!(seats < most)}
          onClick={() => {
            onChange(Math.max(1, (Number.isNaN(seats) ? 0 : seats) + 1));
          }}
        >
          +
        </button>
      </div>
      {error !== null ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="hint">
          Up to {most} in one booking
        </p>
      )}
    </div>
  );
}
