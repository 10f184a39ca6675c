import { useState, type SyntheticEvent } from "react";

import { useAuth } from "../../auth/AuthContext";
import FormAlert from "../../components/FormAlert";
import TextField from "../../components/TextField";
import { useForm } from "../../hooks/useForm";
import { formErrorsFrom } from "../../lib/fieldErrors";
import { ApiError, changePassword } from "../../services/api";

type Field = "current" | "password" | "confirm";

/** The checks a person can be told about before anything is sent; the API has the final word. */
export function validatePasswordChange(values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!values.current) errors.current = "Enter your current password.";
  if (values.password.length < 8) errors.password = "Use at least 8 characters.";
  else if (new Set(values.password).size < 4) errors.password = "Use at least 4 different characters.";
  if (values.confirm !== values.password) errors.confirm = "The passwords do not match.";
  return errors;
}

/** The logged-in traveller's account: who they are logged in as, and a new password (which
 * ends every other login; this one carries on with the new token). */
export default function AccountPage() {
  const auth = useAuth();
  const { values, setValues, errors, setErrors, check, set } = useForm<Record<Field, string>, Field>(
    { current: "", password: "", confirm: "" },
    validatePasswordChange,
  );
  const [pending, setPending] = useState(false);
  const [changed, setChanged] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setChanged(false);
    if (!check()) return;
    setPending(true);
    try {
      auth.adoptToken(await changePassword(values.current, values.password));
      setValues({ current: "", password: "", confirm: "" });
      setChanged(true);
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.detail === "the current password is not right"
          ? { fields: { current: "That is not your current password." } }
          : formErrorsFrom(error, ["password"] as const),
      );
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="page narrow" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <p>Logged in as {auth.user?.username}.</p>
      <h2>Change your password</h2>
      {changed && (
        <p role="status" className="success">
          Your password is changed. Every other login has ended; this one carries on.
        </p>
      )}
      <form noValidate aria-label="Change your password" onSubmit={(event) => void submit(event)}>
        <FormAlert message={errors.form} />
        <TextField id="account-current" label="Current password" type="password" autoComplete="current-password"
          value={values.current} error={errors.fields.current} onChange={set("current")} />
        <TextField id="account-new" label="New password" type="password" autoComplete="new-password"
          hint="At least 8 characters" value={values.password} error={errors.fields.password}
          onChange={set("password")} />
        <TextField id="account-confirm" label="Repeat the new password" type="password" autoComplete="new-password"
          value={values.confirm} error={errors.fields.confirm} onChange={set("confirm")} />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </button>
      </form>
    </section>
  );
}
