import { useEffect, useRef, type ReactNode } from "react";

import { formatErrorMessage } from "../lib/fieldErrors";

/** Asks before cancelling something: the question, why the last try failed, yes or keep it.
 * A dialog: "Keep it" takes the focus when it opens, Tab stays between its two buttons, and
 * Escape keeps it. */
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
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    keep.current?.focus();
  }, []);
  return (
    <div
      role="alertdialog"
      aria-label={label}
      className="confirm"
      aria-modal="true"
      onKeyDown={(event) => {
        if (event.key === "Escape") onKeep();
        if (event.key !== "Tab") return;
        const [first, last] = [confirm.current, keep.current];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last?.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first?.focus();
        }
      }}
    >
      <p>{question}</p>
      {error && <p className="field-error">{formatErrorMessage(error)}</p>}
      <button ref={confirm} type="button" className="danger" disabled={pending} onClick={onConfirm}>
        {pending ? "Cancelling…" : confirmText}
      </button>
      <button ref={keep} type="button" onClick={onKeep}>
        Keep it
      </button>
    </div>
  );
}
