import type { User } from "@chat3d/shared";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type * as React from "react";
import { useApiClient } from "@/lib/api-client-provider";
import { meQueryKey, meQueryOptions } from "../api/get-me";

type SessionContextValue = {
  /** A signed-in person's session ended without them asking (expired, revoked, account deactivated). */
  sessionEnded: boolean;
  acknowledgeSessionEnded: () => void;
  /** Marks the next loss of the user as the person's own doing (Sign out), not something to explain. */
  expectSignOut: () => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

const isMeQuery = (key: readonly unknown[]) => key[0] === meQueryKey[0] && key[1] === meQueryKey[1];

/** Everything cached but the answer to "who is signed in" belonged to the previous person. */
function forgetUserData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => !isMeQuery(query.queryKey) });
}

/**
 * Who is signed in lives in one place, the `["auth","me"]` query, which the API client, the realtime layer
 * and the forms all write to. This provider watches it: when a user turns into nobody without a sign-out,
 * the session ended under them, and the app says so.
 */
export function AuthProvider({ children }: { children: React.ReactNode }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const [sessionEnded, setSessionEnded] = useState(false);
  const signingOut = useRef(false);

  useEffect(() => api.onSessionEnded(() => queryClient.setQueryData(meQueryKey, null)), [api, queryClient]);

  useEffect(() => {
    let previous = queryClient.getQueryData<User | null>(meQueryKey);
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || !isMeQuery(event.query.queryKey)) return;
      const current = event.query.state.data as User | null | undefined;
      if (current === undefined || current?.id === previous?.id) return;
      if (previous) {
        if (current === null && !signingOut.current) setSessionEnded(true);
        // Not from inside the cache's own notification.
        queueMicrotask(() => forgetUserData(queryClient));
      }
      signingOut.current = false;
      previous = current;
    });
  }, [queryClient]);

  const acknowledgeSessionEnded = useCallback(() => setSessionEnded(false), []);
  const expectSignOut = useCallback(() => {
    signingOut.current = true;
  }, []);
  const value = useMemo(
    () => ({ sessionEnded, acknowledgeSessionEnded, expectSignOut }),
    [sessionEnded, acknowledgeSessionEnded, expectSignOut],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

function useSessionContext() {
  const context = use(SessionContext);
  if (!context) throw new Error("useAuth must be used inside <AuthProvider>");
  return context;
}

export type AuthStatus = "loading" | "signed-in" | "signed-out" | "error";

export function useAuth() {
  const me = useQuery(meQueryOptions(useApiClient()));
  const { sessionEnded } = useSessionContext();
  const user = me.data ?? null;
  const status: AuthStatus = user ? "signed-in" : me.isError ? "error" : me.isPending ? "loading" : "signed-out";

  return { user, status, error: me.error, retry: me.refetch, isFetching: me.isFetching, sessionEnded };
}

/** What signing in, signing out and arriving at the sign-in page do to the client's state. */
export function useSessionActions() {
  const queryClient = useQueryClient();
  const { acknowledgeSessionEnded, expectSignOut } = useSessionContext();

  const signedIn = useCallback(
    (user: User) => {
      acknowledgeSessionEnded();
      queryClient.setQueryData(meQueryKey, user);
    },
    [queryClient, acknowledgeSessionEnded],
  );
  const signedOut = useCallback(() => {
    if (queryClient.getQueryData(meQueryKey)) expectSignOut();
    queryClient.setQueryData(meQueryKey, null);
  }, [queryClient, expectSignOut]);

  return { signedIn, signedOut, acknowledgeSessionEnded };
}
