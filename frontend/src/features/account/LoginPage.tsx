import { useState, type SyntheticEvent } from "react";
import { Link, Navigate, useSearchParams } from "react-router";

import { useAuth } from "../../auth/AuthContext";
import FormAlert from "../../components/FormAlert";
import TextField from "../../components/TextField";
import { useForm } from "../../hooks/useForm";
import { ApiError } from "../../services/api";
import { formErrorsFrom } from "../../lib/fieldErrors";
import { registerPath, safeNext } from "../../lib/next";

type Field = "username" | "password";

export function validateLogin(values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!values.username.trim()) errors.username = "Enter your username.";
  if (!values.password) errors.password = "Enter your password.";
  return errors;
}

export default function LoginPage() {
  const auth = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const { values, errors, setErrors, check, set } = useForm<Record<Field, string>, Field>(
    { username: "", password: "" },
    validateLogin,
  );
  const [pending, setPending] = useState(false);

  if (auth.status === "authenticated") return <Navigate to={next} replace />;

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!check()) return;
    setPending(true);
    try {
      await auth.logIn(values.username.trim(), values.password);
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.status === 401
          ? { fields: {}, form: "Incorrect username or password." }
          : formErrorsFrom(error, ["username", "password"] as const),
      );
    } finally {
      setPending(false);
    }
  };
  return (
    <section className="page narrow" aria-labelledby="login-title">
      <h1 id="login-title">Log in</h1>
      {auth.notice && (
        <p role="status" className="notice">
          {auth.notice}
        </p>
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <FormAlert message={errors.form} />
        <TextField
          id="login-username"
          label="Username"
          autoComplete="username"
          value={values.username}
          onChange={set("username")}
          error={errors.fields.username}
        />
        <TextField
          id="login-password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={values.password}
          onChange={set("password")}
          error={errors.fields.password}
        />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Logging in…" : "Log in"}
        </button>
      </form>
      <p>
        New here? <Link to={registerPath(next)}>Create an account</Link>
      </p>
    </section>
  );
}
