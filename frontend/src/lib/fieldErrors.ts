/** Turns an API error into messages for a form: per field where the API names one, else for the form. */
import { ApiError } from "../services/api";

export interface FormErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  form?: string;
}

/** Pydantic prefixes custom rule messages with "Value error, "; a person does not need that. */
export function humanise(message: string): string {
  const text = message.replace(/^Value error, /, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Maps a 422's issues onto the named fields (by the last element of each issue's `loc`), using
 * `overrides[field]` for a pattern mismatch, whose own message quotes a regular expression.
 * Anything else (another status, an issue about no known field) becomes the form's message.
 */
export function formErrorsFrom<F extends string>(
  error: unknown,
  fieldNames: readonly F[],
  overrides: Partial<Record<F, string>> = {},
): FormErrors<F> {
  if (!(error instanceof ApiError)) {
    return { fields: {}, form: "The service could not be reached. Check your connection and try again." };
  }
  if (error.status !== 422 || typeof error.detail === "string") {
    return { fields: {}, form: humanise(error.message) };
  }
  const result: FormErrors<F> = { fields: {} };
  const formMessages: string[] = [];
  for (const issue of error.detail) {
    const name = issue.loc[issue.loc.length - 1];
    const field = fieldNames.find((candidate) => candidate === name);
    const message =
      field !== undefined && issue.type === "string_pattern_mismatch" && overrides[field]
        ? overrides[field]
        : humanise(issue.msg);
    if (field === undefined) formMessages.push(message);
    else result.fields[field] ??= message;
  }
  if (formMessages.length > 0) result.form = formMessages.join(" ");
  return result;
}

/** One sentence for an error shown outside a form (a failed load, a refused action). */
export function formatErrorMessage(error: unknown): string {
  const { form, fields } = formErrorsFrom(error, [] as const);
  return form ?? Object.values(fields).join(" ");
}
