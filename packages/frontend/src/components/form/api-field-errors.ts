import type { FieldError, FieldValues, Path, UseFormReturn } from "react-hook-form";
import { ApiClientError } from "@/lib/api-client";

/** Every message of a field: the resolver keeps all of them (criteriaMode "all"), the server may send several. */
export function fieldMessages(error: FieldError | undefined): string[] {
  if (!error) return [];
  const all = Object.values(error.types ?? {}).flatMap((message) =>
    Array.isArray(message) ? message : typeof message === "string" ? [message] : [],
  );
  return all.length > 0 ? [...new Set(all)] : error.message ? [error.message] : [];
}

/**
 * Puts the messages of an API error's `details` (`field -> messages[]`) on the form's own fields, and focuses
 * the first of them in the form's order. A key such as `emails.3` lands on item 3 of the `emails` field.
 * Returns false when none of the messages belongs to a field of this form, so the caller shows the error whole.
 */
export function applyApiFieldErrors<T extends FieldValues, O>(form: UseFormReturn<T, unknown, O>, error: unknown) {
  if (!(error instanceof ApiClientError)) return false;
  // The form's fields are its values' keys, in the order the form declares them.
  const fields = Object.keys(form.getValues());
  const entries = Object.entries(error.fieldErrors).filter(([key]) => fields.includes(key.split(".")[0]!));
  if (entries.length === 0) return false;
  for (const [key, messages] of entries) {
    form.setError(key as Path<T>, {
      type: "server",
      message: messages[0],
      types: Object.fromEntries(messages.map((message, index) => [`server${index}`, message])),
    });
  }
  const first = fields.find((field) => entries.some(([key]) => key.split(".")[0] === field));
  if (first) form.setFocus(first as Path<T>);
  return true;
}
