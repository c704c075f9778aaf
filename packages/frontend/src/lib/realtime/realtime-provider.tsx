import { useQueryClient } from "@tanstack/react-query";
import { createContext, use, useEffect, useState, useSyncExternalStore } from "react";
import type * as React from "react";
import type { Backoff } from "./backoff";
import { EventStream, type ConnectionState, type EventSourceConstructor } from "./event-stream";

export type RealtimeOptions = {
  /** Where the stream is served; tests aim it at their own server. */
  url?: string;
  /** The browser's EventSource unless given (jsdom has none; tests pass the `eventsource` package's). */
  EventSource?: EventSourceConstructor;
  backoff?: Backoff;
};

// Like the options, read once: the tab has one stream for its lifetime.
type RealtimeProviderProps = RealtimeOptions & {
  /** The browser gave up on the stream, which is what a 401 looks like to it: the app checks the session. */
  onConnectionLost?: () => void;
  children: React.ReactNode;
};

const RealtimeContext = createContext<{ stream: EventStream; available: boolean } | null>(null);

/**
 * Holds the tab's one event stream. It knows no feature: queries whose options carry `meta: { live: true }`
 * are refetched when events may have been missed, and features handle events with `useServerEvent`.
 */
export function RealtimeProvider({
  children,
  url = "/api/events/stream",
  EventSource = globalThis.EventSource,
  backoff,
  onConnectionLost,
}: RealtimeProviderProps) {
  const queryClient = useQueryClient();
  const [stream] = useState(
    () =>
      new EventStream({
        url,
        EventSource,
        backoff,
        onConnectionLost,
        onResync: () => void queryClient.invalidateQueries({ predicate: (query) => query.meta?.live === true }),
      }),
  );
  const [value] = useState(() => ({ stream, available: Boolean(EventSource) }));
  return <RealtimeContext value={value}>{children}</RealtimeContext>;
}

function useRealtime() {
  const context = use(RealtimeContext);
  if (!context) throw new Error("realtime hooks must be used inside <RealtimeProvider>");
  return context;
}

export function useEventStream(): EventStream {
  return useRealtime().stream;
}

/**
 * Keeps the stream open while the calling component is mounted, i.e. while someone is signed in. Call it after
 * the hooks that subscribe to events, so the first events already find their handlers.
 */
export function useOpenEventStream() {
  const { stream, available } = useRealtime();
  useEffect(() => {
    if (!available) return;
    stream.start();
    return () => stream.stop();
  }, [stream, available]);
}

/** Whether live updates are flowing, for a quiet indicator. */
export function useConnectionState(): ConnectionState {
  const stream = useEventStream();
  return useSyncExternalStore(stream.subscribeState, () => stream.state);
}
