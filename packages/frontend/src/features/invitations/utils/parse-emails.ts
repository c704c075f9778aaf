import { EmailSchema } from "@chat3d/shared";

export const MAX_INVITES = 20;

/** One address in the invite box: what was typed, and the normalised address or why it cannot be one. */
export type AddressChip = { key: string; text: string } & (
  { email: string; error: null } | { email: null; error: string }
);

/** "Grace <grace@example.com>", as mail programs copy addresses, becomes the bare address. */
const NAMED_ADDRESS = /(?:"[^"]*"|[^,;\n<>"])*<\s*([^<>\s]+)\s*>/g;

/** Everything pasted or typed, split on commas, semicolons, spaces and new lines. */
export function splitAddresses(text: string): string[] {
  return text
    .replace(NAMED_ADDRESS, " $1 ")
    .split(/[\s,;]+/)
    .filter(Boolean);
}

export function toChip(text: string): AddressChip {
  const parsed = EmailSchema.safeParse(text);
  return parsed.success
    ? { key: parsed.data, text, email: parsed.data, error: null }
    : { key: text.toLowerCase(), text, email: null, error: parsed.error.issues[0]?.message ?? "Not an email address." };
}

/** Adds new addresses after the ones there; an address already in the box is skipped, and counted. */
export function addAddresses(chips: readonly AddressChip[], texts: readonly string[]) {
  const seen = new Set(chips.map((chip) => chip.key));
  const next = [...chips];
  let duplicates = 0;
  for (const text of texts) {
    const chip = toChip(text);
    if (seen.has(chip.key)) {
      duplicates += 1;
      continue;
    }
    seen.add(chip.key);
    next.push(chip);
  }
  return { chips: next, added: next.length - chips.length, duplicates };
}
