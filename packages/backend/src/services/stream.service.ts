import { EventPayloadSchemas, READY_EVENT, RESET_EVENT } from "@chat3d/shared";
import { AppError } from "../errors.js";
import type { Channel, EventBus, LoggedEventMessage, TransientEventMessage } from "../lib/event-bus.js";
import type { EventRelay } from "../lib/event-relay.js";
import type { Logger } from "../lib/logger.js";
import { sseComment, sseEvent, sseRetry } from "../lib/sse.js";
import type { EventLogRepository } from "../repositories/event-log.repository.js";

/** Where a stream writes: the HTTP response, seen through what the service needs of it. */
export interface StreamSink {
  /** Returns false when the chunk had to be buffered. */
  write(chunk: string): boolean;
  bufferedBytes(): number;
  end(): void;
}

export interface StreamLimits {
  maxPerUser: number;
  replayLimit: number;
  heartbeatMs: number;
  retryMs: number;
  /** A client that lets this much pile up is cut off; it reconnects and replays from its last id. */
  maxBufferedBytes: number;
}

export interface StreamUser {
  id: string;
  isAdmin: boolean;
}

export interface StreamServiceDeps {
  log: EventLogRepository;
  relay: EventRelay;
  bus: EventBus;
  limits: StreamLimits;
  logger: Logger;
}

type Message = LoggedEventMessage | TransientEventMessage;

interface OpenStream {
  userId: string;
  sessionId: string;
  sink: StreamSink;
  /** The newest event id written: the log and the live feed overlap around the replay, and each id goes out once. */
  lastId: bigint;
  close(reason: string): void;
}

export class StreamService {
  private readonly streams = new Map<string, Set<OpenStream>>();
  // One timer for every open stream, rather than one each.
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly deps: StreamServiceDeps) {}

  /** Refuses a new stream before any byte is sent when the user already holds the maximum here. */
  assertCapacity(userId: string) {
    if ((this.streams.get(userId)?.size ?? 0) >= this.deps.limits.maxPerUser) {
      throw AppError.tooManyRequests("Too many open tabs for this account. Close one and reload.", 30);
    }
  }

  /**
   * Serves one stream: listens first and holds live events back while it replays what the client missed
   * after `lastEventId`, so every event arrives exactly once and in order. Resolves once the stream is live.
   */
  async open(
    user: StreamUser,
    sessionId: string,
    lastEventId: string | undefined,
    sink: StreamSink,
  ): Promise<() => void> {
    const { relay, bus, limits, logger } = this.deps;
    const held: Message[] = [];
    let live = false;
    const stream: OpenStream = { userId: user.id, sessionId, sink, lastId: 0n, close: () => undefined };
    const onMessage = (message: Message) => (live ? this.deliver(stream, message) : held.push(message));
    const channels: Channel[] = user.isAdmin ? [`user:${user.id}`, "admins"] : [`user:${user.id}`];
    const unsubscribes = [
      ...channels.map((channel) => relay.subscribe(channel, onMessage)),
      ...(await Promise.all(channels.map((channel) => bus.subscribe(channel, onMessage)))),
    ];

    let closed = false;
    stream.close = (reason: string) => {
      if (closed) return;
      closed = true;
      this.streams.get(user.id)?.delete(stream);
      if (this.streams.get(user.id)?.size === 0) this.streams.delete(user.id);
      if (this.streams.size === 0) this.stopHeartbeat();
      for (const off of unsubscribes) void off();
      logger.debug({ userId: user.id, reason }, "event stream closed");
      sink.end();
    };

    let mine = this.streams.get(user.id);
    if (!mine) this.streams.set(user.id, (mine = new Set()));
    mine.add(stream);

    sink.write(sseRetry(limits.retryMs));
    await this.replay(stream, user, lastEventId);
    live = true;
    for (const message of held) this.deliver(stream, message);
    this.startHeartbeat();
    return () => stream.close("client disconnected");
  }

  /** The events after `afterId` for a client that fetches instead of streaming. */
  async replaySince(user: StreamUser, afterId: string) {
    const { replayLimit } = this.deps.limits;
    const events = await this.deps.log.since(user, afterId, replayLimit + 1);
    if (events.length > replayLimit) return { reset: true, events: [] };
    return { reset: false, events: events.map((e) => ({ id: e.id, type: e.event_type, data: e.payload })) };
  }

  private startHeartbeat() {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const beat = sseComment("heartbeat");
      for (const set of [...this.streams.values()]) for (const stream of [...set]) this.write(stream, beat);
    }, this.deps.limits.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat() {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Ends every stream this instance holds, so clients reconnect to another instance at once. */
  closeAll(reason: string) {
    for (const set of [...this.streams.values()]) for (const stream of [...set]) stream.close(reason);
  }

  openCount(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  private async replay(stream: OpenStream, user: StreamUser, lastEventId: string | undefined) {
    const { log, limits } = this.deps;
    const latest = await log.latestId();
    const ready = (id: string) => {
      stream.lastId = BigInt(id);
      // The id moves EventSource's Last-Event-ID forward, so a drop before any event still resumes exactly.
      this.write(stream, sseEvent({ id, type: READY_EVENT, data: { last_event_id: id } }));
    };
    if (lastEventId === undefined || BigInt(lastEventId) > BigInt(latest)) return ready(latest);
    const events = await log.since(user, lastEventId, limits.replayLimit + 1);
    if (events.length > limits.replayLimit) {
      // Too far behind to catch up event by event: the client refetches, then resumes from the newest id.
      stream.lastId = BigInt(latest);
      this.write(stream, sseEvent({ id: latest, type: RESET_EVENT, data: { reason: "too_far_behind" } }));
      return;
    }
    let last = lastEventId;
    for (const e of events) {
      last = e.id;
      this.write(stream, sseEvent({ id: e.id, type: e.event_type, data: e.payload }));
    }
    ready(last);
  }

  private deliver(stream: OpenStream, message: Message) {
    if (message.kind === "transient") {
      this.write(stream, sseEvent({ type: message.type, data: message.payload }));
      return;
    }
    const id = BigInt(message.id);
    if (id <= stream.lastId) return;
    stream.lastId = id;
    this.write(stream, sseEvent({ id: message.id, type: message.type, data: message.payload }));
    const reason = this.endsStream(stream, message);
    if (reason) stream.close(reason);
  }

  /** Sign-outs and deactivations travel as logged events, so the streams they end close on every instance. */
  private endsStream(stream: OpenStream, message: LoggedEventMessage): string | undefined {
    if (message.type === "session.ended") {
      const { session_id, reason } = EventPayloadSchemas["session.ended"].parse(message.payload);
      return session_id === null || session_id === stream.sessionId ? reason : undefined;
    }
    if (message.type === "account.status.changed") {
      const { user_id, status } = EventPayloadSchemas["account.status.changed"].parse(message.payload);
      return user_id === stream.userId && status !== "active" ? "deactivated" : undefined;
    }
    return undefined;
  }

  private write(stream: OpenStream, chunk: string) {
    if (!stream.sink.write(chunk) && stream.sink.bufferedBytes() > this.deps.limits.maxBufferedBytes) {
      this.deps.logger.warn({ userId: stream.userId }, "event stream too slow: closed so it can resume by replay");
      stream.close("slow client");
    }
  }
}
