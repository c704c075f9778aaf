/** An ILIKE pattern matching `s` anywhere, with the wildcards it holds taken literally. */
export const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
