import {
  EVENT_TYPES,
  EventPayloadSchemas,
  READY_EVENT,
  RESET_EVENT,
  TRANSIENT_EVENT_TYPES,
  TransientEventPayloadSchemas,
  type EventPayload,
  type EventType,
  type TransientEventPayload,
  type TransientEventType,
} from "@chat3d/shared";
import { backoffDelay, DEFAULT_BACKOFF, type Backoff } from "./backoff";

/**
 * `connecting`: first connection of a session; `open`: live; `reconnecting`: lost and retrying;
 * `offline`: the browser has no network, so nothing is tried until it comes back; `idle`: signed out.
 */
export type ConnectionState = "idle" | "connecting" | "open" | "reconnecting" | "offline";

/** What this module needs of an EventSource: the browser's, or the `eventsource` package's in tests. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}
export type EventSourceConstructor = new (url: string) => EventSourceLike;

/** Every event a subscriber can hear: the replayable ones, and fleeting ones such as a streamed answer's deltas. */
export type StreamEventType = EventType | TransientEventType;
export type StreamEventPayload<T extends StreamEventType> = T extends EventType
  ? EventPayload<T>
  : T extends TransientEventType
    ? TransientEventPayload<T>
    : never;
export type ServerEventHandler<T extends StreamEventType> = (payload: StreamEventPayload<T>) => void;

const SCHEMAS = { ...EventPayloadSchemas, ...TransientEventPayloadSchemas };

export type EventStreamOptions = {
  url: string;
  EventSource: EventSourceConstructor;
  backoff?: Backoff;
  random?: () => number;
  /** The browser gave up on the stream (a 401, a 429, the server gone): the session may have ended. */
  onConnectionLost?: () => void;
  /** Events may have been missed (before the first `ready`, after `reset`, or live again after a drop): refetch. */
  onResync?: () => void;
};

// EventSource.CLOSED; the constant is not on every implementation's instances.
const CLOSED = 2;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * One server-sent event stream, shared by every subscriber in the tab. The browser's EventSource retries
 * dropped connections by itself (with `Last-Event-ID`); when it gives up, this reconnects with back-off and
 * resumes from the last id it saw.
 */
export class EventStream {
  readonly #options: EventStreamOptions;
  readonly #handlers = new Map<StreamEventType, Set<(payload: unknown) => void>>();
  readonly #stateListeners = new Set<() => void>();
  #state: ConnectionState = "idle";
  #source: EventSourceLike | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #lastEventId: string | null = null;
  #missedEvents = false;
  #active = false;

  constructor(options: EventStreamOptions) {
    this.#options = options;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  subscribe<T extends StreamEventType>(type: T, handler: ServerEventHandler<T>): () => void {
    let set = this.#handlers.get(type);
    if (!set) this.#handlers.set(type, (set = new Set()));
    const listener = handler as (payload: unknown) => void;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** For `useSyncExternalStore`. */
  subscribeState = (listener: () => void): (() => void) => {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  };

  start() {
    if (this.#active) return;
    this.#active = true;
    this.#attempt = 0;
    // What the page fetched before the stream went live may already be stale: refresh it once on `ready`.
    this.#missedEvents = true;
    window.addEventListener("online", this.#onOnline);
    window.addEventListener("offline", this.#onOffline);
    this.#connect("connecting");
  }

  /** Closes the stream and forgets where it was: the next session starts afresh. */
  stop() {
    if (!this.#active) return;
    this.#active = false;
    window.removeEventListener("online", this.#onOnline);
    window.removeEventListener("offline", this.#onOffline);
    this.#disconnect();
    this.#lastEventId = null;
    this.#missedEvents = false;
    this.#setState("idle");
  }

  #setState(state: ConnectionState) {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener();
  }

  #disconnect() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#source?.close();
    this.#source = null;
  }

  #connect(state: "connecting" | "reconnecting") {
    this.#disconnect();
    if (!navigator.onLine) {
      this.#setState("offline");
      return;
    }
    this.#setState(state);
    const { url, EventSource } = this.#options;
    const resumeFrom = this.#lastEventId;
    const source = new EventSource(
      resumeFrom === null ? url : `${url}${url.includes("?") ? "&" : "?"}lastEventId=${encodeURIComponent(resumeFrom)}`,
    );
    this.#source = source;
    const current = () => source === this.#source;

    source.addEventListener("open", () => {
      if (current()) this.#setState("open");
    });
    source.addEventListener("error", () => {
      if (current()) this.#onError(source);
    });
    source.addEventListener(READY_EVENT, (event) => {
      if (current()) this.#onReady(event);
    });
    source.addEventListener(RESET_EVENT, (event) => {
      if (!current()) return;
      this.#remember(event);
      this.#options.onResync?.();
    });
    for (const type of [...EVENT_TYPES, ...TRANSIENT_EVENT_TYPES]) {
      source.addEventListener(type, (event) => {
        if (current()) this.#dispatch(type, event);
      });
    }
  }

  #onReady(event: MessageEvent<string>) {
    const json = parseJson(event.data);
    const resumeFrom = json.ok ? (json.value as { last_event_id?: unknown } | null)?.last_event_id : undefined;
    if (typeof resumeFrom === "string") this.#lastEventId = resumeFrom;
    this.#attempt = 0;
    this.#setState("open");
    if (this.#missedEvents) {
      this.#missedEvents = false;
      this.#options.onResync?.();
    }
  }

  #onError(source: EventSourceLike) {
    // Once the stream has been live, anything sent while it is down may be missed.
    if (this.#lastEventId !== null) this.#missedEvents = true;
    if (source.readyState !== CLOSED) {
      // The browser retries on its own after the server's `retry:` delay, sending Last-Event-ID.
      this.#setState("reconnecting");
      return;
    }
    this.#source = null;
    source.close();
    this.#options.onConnectionLost?.();
    if (!this.#active) return;
    const delay = backoffDelay(this.#attempt++, this.#options.backoff ?? DEFAULT_BACKOFF, this.#options.random);
    this.#setState(navigator.onLine ? "reconnecting" : "offline");
    this.#retryTimer = setTimeout(() => this.#connect("reconnecting"), delay);
  }

  #onOnline = () => {
    if (this.#state !== "offline" && this.#retryTimer === undefined) return;
    this.#attempt = 0;
    this.#connect("reconnecting");
  };

  #onOffline = () => {
    // Nothing can arrive until the network is back; don't burn retries meanwhile.
    if (this.#lastEventId !== null) this.#missedEvents = true;
    this.#disconnect();
    this.#setState("offline");
  };

  #remember(event: MessageEvent<string>) {
    if (event.lastEventId) this.#lastEventId = event.lastEventId;
  }

  #dispatch(type: StreamEventType, event: MessageEvent<string>) {
    // A fleeting event has no id of its own; the EventSource still reports the last one, which is harmless.
    this.#remember(event);
    const json = parseJson(event.data);
    const parsed = json.ok ? SCHEMAS[type].safeParse(json.value) : null;
    if (!parsed?.success) {
      console.warn(
        `Dropped a "${type}" event whose data does not match its schema.`,
        parsed?.error.issues ?? event.data,
      );
      return;
    }
    for (const handler of this.#handlers.get(type) ?? []) {
      try {
        handler(parsed.data);
      } catch (error) {
        // One broken subscriber must not keep the event from the others.
        console.error(`A "${type}" event handler failed.`, error);
      }
    }
  }
}
