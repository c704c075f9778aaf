import { z } from "zod";

// C0 controls and DEL, except tab, line feed and carriage return, which multi-line text may carry. NUL in
// particular never reaches PostgreSQL, which refuses it in text and JSON.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_ANYWHERE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// One line of text: no control character at all, no Unicode line breaks, no bidirectional overrides that
// make a name read differently in an email than it is.
const FORBIDDEN_IN_A_LINE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

export const CONTROL_CHARACTER_MESSAGE = "Remove the control characters from this text.";

/** A name, a title: one trimmed line of printable text. */
export function singleLineText(max: number) {
  return z
    .string()
    .trim()
    .min(1, "Enter some text.")
    .max(max, `Use at most ${max} characters.`)
    .refine((s) => !FORBIDDEN_IN_A_LINE.test(s), "Use one line of plain text, without control characters.");
}

/** A message, a script: any text, line breaks and tabs included, but no other control character. */
export function multilineText(max: number) {
  return z
    .string()
    .max(max, `Use at most ${max} characters.`)
    .refine((s) => !FORBIDDEN_ANYWHERE.test(s), CONTROL_CHARACTER_MESSAGE);
}

/**
 * The path of the first string in `value` that holds a control character no field accepts, if any. The API
 * applies it to every parameter, query and body before the route's own schema, so no field can forget it.
 */
export function findControlCharacter(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === "string") return FORBIDDEN_ANYWHERE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findControlCharacter(item, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = FORBIDDEN_ANYWHERE.test(key) ? [...path, key] : findControlCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
