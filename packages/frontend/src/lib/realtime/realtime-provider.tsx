import { useQueryClient } from "@tanstack/react-query";
import { createContext, use, useEffect, useState, useSyncExternalStore } from "react";
import type * as React from "react";
import type { Backoff } from "./backoff";
import { useCurrentUserId } from "./current-user";
import { authMeKey, liveQueryKeys } from "./query-keys";
import { EventStream, type ConnectionState, type EventSourceConstructor } from "./event-stream";

export type RealtimeOptions = {
  /** Where the stream is served; tests aim it at their own server. */
  url?: string;
  /** The browser's EventSource unless given (jsdom has none; tests pass the `eventsource` package's). */
  EventSource?: EventSourceConstructor;
  backoff?: Backoff;
};

const EventStreamContext = createContext<EventStream | null>(null);

/** Holds the tab's one event stream, open while someone is signed in. */
export function RealtimeProvider({
  children,
  url = "/api/events/stream",
  EventSource = globalThis.EventSource,
  backoff,
}: RealtimeOptions & { children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const userId = useCurrentUserId();
  const [stream] = useState(
    () =>
      new EventStream({
        url,
        EventSource,
        backoff,
        // A 401 looks like any other failure to an EventSource; asking who is signed in tells them apart.
        onConnectionLost: () => void queryClient.refetchQueries({ queryKey: authMeKey }),
        onResync: () => {
          for (const queryKey of liveQueryKeys) void queryClient.invalidateQueries({ queryKey });
        },
      }),
  );

  useEffect(() => {
    if (!userId || !EventSource) return;
    stream.start();
    return () => stream.stop();
  }, [stream, userId, EventSource]);

  return <EventStreamContext value={stream}>{children}</EventStreamContext>;
}

export function useEventStream(): EventStream {
  const stream = use(EventStreamContext);
  if (!stream) throw new Error("useEventStream must be used inside <RealtimeProvider>");
  return stream;
}

/** Whether live updates are flowing, for a quiet indicator. */
export function useConnectionState(): ConnectionState {
  const stream = useEventStream();
  return useSyncExternalStore(stream.subscribeState, () => stream.state);
}
