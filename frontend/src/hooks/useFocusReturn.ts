import { useEffect, useRef } from "react";

/**
 * Gives the focus back to the element that opened a dialog once the dialog has closed. The
 * opener is often rendered anew when the dialog goes (it was replaced by the dialog), so the
 * focus moves after the next render in which the returned ref holds an element.
 */
export function useFocusReturn<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (pending.current && ref.current) {
      pending.current = false;
      ref.current.focus();
    }
  });
  const returnFocus = () => {
    pending.current = true;
  };
  return [ref, returnFocus] as const;
}
