import { useEffect, useRef, type ReactNode } from "react";

import { formatErrorMessage } from "../lib/fieldErrors";

/** Asks before cancelling something: the question, why the last try failed, yes or keep it.
 * The answer buttons take the focus when it opens; Escape keeps it. */
export default function ConfirmCancel({
  label,
  question,
  confirmText,
  pending,
  error,
  onConfirm,
  onKeep,
}: {
  label: string;
  question: ReactNode;
  confirmText: string;
  pending: boolean;
  error: Error | null;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    keep.current?.focus();
  }, []);
  return (
    <div
      role="alertdialog"
      aria-label={label}
      className="confirm"
      onKeyDown={(event) => {
        if (event.key === "Escape") onKeep();
      }}
    >
      <p>{question}</p>
      {error && <p className="field-error">{formatErrorMessage(error)}</p>}
      <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
        {pending ? "Cancelling…" : confirmText}
      </button>
      <button ref={keep} type="button" onClick={onKeep}>
        Keep it
      </button>
    </div>
  );
}
