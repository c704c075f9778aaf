import type { ResponseParser } from "@/lib/api-client";

/** Parses `{ [key]: T }` with the schema of T, for answers that wrap one resource (`{ user }`, `{ settings }`). */
export function envelope<K extends string, T>(key: K, schema: ResponseParser<T>): ResponseParser<Record<K, T>> {
  return {
    parse(data) {
      const value = typeof data === "object" && data !== null ? (data as Record<string, unknown>)[key] : undefined;
      return { [key]: schema.parse(value) } as Record<K, T>;
    },
  };
}

/** Query string from the set values only, so `?query=&page=` noise never reaches the API or the cache key. */
export function searchString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
