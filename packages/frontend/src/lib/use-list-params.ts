import { useCallback } from "react";
import { useSearchParams } from "react-router";

type ParamValue = string | number | undefined;

function parsePage(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** A list's filters and page, kept in the address so a view can be reloaded, shared and navigated back to. */
export function useListParams() {
  const [search, setSearch] = useSearchParams();

  /** Sets (or, when empty, removes) parameters; changing a filter returns to the first page. */
  const update = useCallback(
    (changes: Record<string, ParamValue>, { push = false }: { push?: boolean } = {}) => {
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [name, value] of Object.entries(changes)) {
            if (value === undefined || value === "" || (name === "page" && value === 1)) next.delete(name);
            else next.set(name, String(value));
          }
          if (!("page" in changes)) next.delete("page");
          return next;
        },
        { replace: !push },
      );
    },
    [setSearch],
  );

  return { get: (name: string) => search.get(name) ?? "", page: parsePage(search.get("page")), update };
}

/** The value if it is one of the allowed ones, else undefined (a hand-edited address falls back to "all"). */
export function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}
