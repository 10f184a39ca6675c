/**
 * A form's values and its errors, per field and for the whole form: `check()` runs the quick
 * local checks before anything is sent (the API has the final word, put on the fields with
 * `formErrorsFrom`), `set(name)` is an input's change handler.
 */
import { useState } from "react";

import type { FormErrors } from "../lib/fieldErrors";

export function useForm<V extends object, F extends string>(
  initial: V,
  validate: (values: V) => Partial<Record<F, string>>,
) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FormErrors<F>>({ fields: {} });

  /** Shows what the local checks find; true when the values may be sent. */
  const check = (): boolean => {
    const fields = validate(values);
    setErrors({ fields });
    return Object.keys(fields).length === 0;
  };

  const set =
    <K extends keyof V>(name: K) =>
    (event: { target: { value: V[K] } }) => {
      setValues((current) => ({ ...current, [name]: event.target.value }));
    };

  return { values, setValues, errors, setErrors, check, set };
}
