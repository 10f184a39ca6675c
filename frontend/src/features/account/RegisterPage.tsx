import { useState, type SyntheticEvent } from "react";
import { Link, Navigate, useSearchParams } from "react-router";

import { useAuth } from "../../auth/AuthContext";
import FormAlert from "../../components/FormAlert";
import TextField from "../../components/TextField";
import { useForm } from "../../hooks/useForm";
import { ApiError, register } from "../../services/api";
import { formErrorsFrom } from "../../lib/fieldErrors";
import { loginPath, safeNext } from "../../lib/next";

type Field = "username" | "password" | "confirm";

const USERNAME_HINT = "3–32 letters, digits, _ . or -";

/** The checks a person can be told about before anything is sent; the API has the final word. */
export function validateRegistration(values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!values.username) errors.username = "Choose a username.";
  else if (!/^[A-Za-z0-9_.-]{3,32}$/.test(values.username)) errors.username = `Use ${USERNAME_HINT}.`;
  if (!values.password) errors.password = "Choose a password.";
  else if (values.password.length < 8) errors.password = "Use at least 8 characters.";
  if (values.confirm !== values.password) errors.confirm = "The passwords do not match.";
  return errors;
}

export default function RegisterPage() {
  const auth = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const { values, errors, setErrors, check, set } = useForm<Record<Field, string>, Field>(
    { username: "", password: "", confirm: "" },
    validateRegistration,
  );
  const [pending, setPending] = useState(false);

  if (auth.status === "authenticated") return <Navigate to={next} replace />;

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!check()) return;
    setPending(true);
    try {
      await register({ username: values.username, password: values.password });
      await auth.logIn(values.username, values.password);
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.status === 409
          ? { fields: { username: "That username is already taken. Choose another." } }
          : formErrorsFrom(error, ["username", "password"] as const, { username: `Use ${USERNAME_HINT}.` }),
      );
    } finally {
      setPending(false);
    }
  };
  return (
    <section className="page narrow" aria-labelledby="register-title">
      <h1 id="register-title">Create an account</h1>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <FormAlert message={errors.form} />
        <TextField
          id="register-username"
          label="Username"
          autoComplete="username"
          hint={USERNAME_HINT}
          value={values.username}
          onChange={set("username")}
          error={errors.fields.username}
        />
        <TextField
          id="register-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters"
          value={values.password}
          onChange={set("password")}
          error={errors.fields.password}
        />
        <TextField
          id="register-confirm"
          label="Repeat password"
          type="password"
          autoComplete="new-password"
          value={values.confirm}
          onChange={set("confirm")}
          error={errors.fields.confirm}
        />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Creating your account…" : "Create account"}
        </button>
      </form>
      <p>
        Already registered? <Link to={loginPath(next)}>Log in</Link>
      </p>
    </section>
  );
}
