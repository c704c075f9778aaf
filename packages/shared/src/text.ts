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
 * It walks with its own stack, so no nesting depth can overflow the call stack, and builds a path only for a hit.
 */
export function findControlCharacter(value: unknown): string[] | undefined {
  const stack: Array<{ value: unknown; key: string | undefined; parent: number }> = [
    { value, key: undefined, parent: -1 },
  ];
  const seen: Array<{ key: string | undefined; parent: number }> = [];
  const pathOf = (index: number, last?: string) => {
    const path: string[] = [];
    for (let i = index; i >= 0 && seen[i]!.key !== undefined; i = seen[i]!.parent) path.push(seen[i]!.key!);
    return last === undefined ? path.reverse() : [...path.reverse(), last];
  };
  while (stack.length) {
    const { value: item, key, parent } = stack.pop()!;
    const index = seen.push({ key, parent }) - 1;
    if (typeof item === "string") {
      if (FORBIDDEN_ANYWHERE.test(item)) return pathOf(index);
    } else if (item && typeof item === "object") {
      const isArray = Array.isArray(item);
      const entries = isArray ? item.map((v, i) => [String(i), v] as const) : Object.entries(item);
      const badKey = isArray ? undefined : entries.find(([k]) => FORBIDDEN_ANYWHERE.test(k));
      if (badKey) return pathOf(index, badKey[0]);
      // Pushed in reverse so the first entry is looked at first, as the reported path expects.
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], key: entries[i]![0], parent: index });
    }
  }
  return undefined;
}

/** How deeply arrays and objects may nest in a JSON request body; no request of the API needs more than a few. */
export const MAX_JSON_DEPTH = 32;
