import type { FieldErrors } from "@chat3d/shared";
import { ApiClientError } from "@/lib/api-client";

type Issue = { path: readonly PropertyKey[]; message: string };

/** A failed shared-schema parse as messages by field, the same shape the API sends with a 400. */
export function fieldErrorsFromIssues(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/** The same errors without the one field the person has just edited, so a stale message does not linger. */
export function withoutField(errors: FieldErrors, field: string): FieldErrors {
  if (!(field in errors)) return errors;
  const rest = { ...errors };
  delete rest[field];
  return rest;
}

/** True when a failed request is about some of these fields, which a form shows under them. */
export function hasFieldErrors(error: unknown, fields: readonly string[]): error is ApiClientError {
  return error instanceof ApiClientError && fields.some((field) => field in error.fieldErrors);
}
