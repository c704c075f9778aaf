import type { User } from "@chat3d/shared";
import { hashKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { authMeKey } from "./query-keys";

const authMeHash = hashKey(authMeKey);

/** The signed-in user's id as the auth query last knew it; null when signed out or not yet known. */
export function useCurrentUserId(): string | null {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    (onChange: () => void) =>
      queryClient.getQueryCache().subscribe((event) => {
        // Only changes to the auth query's data: queries and observers are also created while components
        // render, when notifying another component is not allowed.
        if (event.query.queryHash !== authMeHash) return;
        if (event.type === "updated" || event.type === "removed") onChange();
      }),
    [queryClient],
  );
  return useSyncExternalStore(subscribe, () => queryClient.getQueryData<User | null>(authMeKey)?.id ?? null);
}
