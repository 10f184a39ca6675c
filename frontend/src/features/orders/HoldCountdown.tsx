import { useEffect, useState } from "react";

import { formatInstant } from "../../lib/format";

/** "14:05": minutes and seconds left, never below zero. */
export function formatLeft(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(seconds / 60))}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * The time left to pay a held order, counted down each second on this device's clock; calls
 * `onLapse` once when it reaches zero (the page then asks the API, whose clock decides).
 */
export default function HoldCountdown({ expiresAt, onLapse }: { expiresAt: string; onLapse: () => void }) {
  const deadline = Date.parse(expiresAt);
  const [now, setNow] = useState(Date.now);
  const left = deadline - now;
  const lapsed = left <= 0;

  useEffect(() => {
    if (lapsed) return;
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [lapsed]);

  useEffect(() => {
    if (lapsed) onLapse();
  }, [lapsed, onLapse]);

  return (
    <p className="countdown">
      Seats held for{" "}
      <strong role="timer" aria-label={`${formatLeft(left)} minutes left to pay`}>
        {formatLeft(left)}
      </strong>{" "}
      <span className="muted small">(until {formatInstant(expiresAt)})</span>
    </p>
  );
}
