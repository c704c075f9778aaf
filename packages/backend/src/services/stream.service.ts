import { READY_EVENT, RESET_EVENT } from "@chat3d/shared";
import { AppError } from "../errors.js";
import type { BusMessage, Channel, EventBus } from "../lib/event-bus.js";
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

interface OpenStream {
  userId: string;
  sessionId: string;
  sink: StreamSink;
  /** Ids already sent by the replay, so the events held back during it are not sent twice. */
  replayed: Set<string>;
  close(reason: string): void;
}

export interface StreamUser {
  id: string;
  isAdmin: boolean;
}

export class StreamService {
  private readonly streams = new Map<string, Set<OpenStream>>();

  constructor(
    private readonly log: EventLogRepository,
    private readonly bus: EventBus,
    private readonly limits: StreamLimits,
    private readonly logger: Logger,
  ) {}

  /** Refuses a new stream before any byte is sent when the user already holds the maximum here. */
  assertCapacity(userId: string) {
    if ((this.streams.get(userId)?.size ?? 0) >= this.limits.maxPerUser) {
      throw AppError.tooManyRequests("Too many open tabs for this account. Close one and reload.", 30);
    }
  }

  /**
   * Serves one stream: subscribes first and holds live events back while it replays what the client missed
   * after `lastEventId`, so every event arrives exactly once and in order. Resolves once the stream is live.
   */
  async open(user: StreamUser, sessionId: string, lastEventId: string | undefined, sink: StreamSink): Promise<() => void> {
    const held: BusMessage[] = [];
    let live = false;
    const stream: OpenStream = {
      userId: user.id,
      sessionId,
      sink,
      replayed: new Set(),
      close: () => undefined,
    };
    const onMessage = (message: BusMessage) => (live ? this.deliver(stream, message) : held.push(message));
    const channels: Channel[] = user.isAdmin ? [`user:${user.id}`, "admins"] : [`user:${user.id}`];
    const unsubscribes = await Promise.all(channels.map((c) => this.bus.subscribe(c, onMessage)));

    const timers: { heartbeat?: NodeJS.Timeout } = {};
    let closed = false;
    stream.close = (reason: string) => {
      if (closed) return;
      closed = true;
      clearInterval(timers.heartbeat);
      this.streams.get(user.id)?.delete(stream);
      if (this.streams.get(user.id)?.size === 0) this.streams.delete(user.id);
      for (const off of unsubscribes) void off();
      this.logger.debug({ userId: user.id, reason }, "event stream closed");
      sink.end();
    };

    let mine = this.streams.get(user.id);
    if (!mine) this.streams.set(user.id, (mine = new Set()));
    mine.add(stream);

    sink.write(sseRetry(this.limits.retryMs));
    await this.replay(stream, user, lastEventId);
    live = true;
    for (const message of held) {
      if (message.kind === "event" && stream.replayed.has(message.id)) continue;
      this.deliver(stream, message);
    }
    stream.replayed.clear();
    timers.heartbeat = setInterval(() => this.write(stream, sseComment("heartbeat")), this.limits.heartbeatMs);
    timers.heartbeat.unref();
    return () => stream.close("client disconnected");
  }

  /** The events after `afterId` for a client that fetches instead of streaming. */
  async replaySince(user: StreamUser, afterId: string) {
    const events = await this.log.since(user, afterId, this.limits.replayLimit + 1);
    if (events.length > this.limits.replayLimit) return { reset: true, events: [] };
    return { reset: false, events: events.map((e) => ({ id: e.id, type: e.event_type, data: e.payload })) };
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
    const latest = await this.log.latestId();
    if (lastEventId === undefined || BigInt(lastEventId) > BigInt(latest)) {
      // The id moves EventSource's Last-Event-ID forward, so a drop before any event still resumes exactly.
      this.write(stream, sseEvent({ id: latest, type: READY_EVENT, data: { last_event_id: latest } }));
      return;
    }
    const events = await this.log.since(user, lastEventId, this.limits.replayLimit + 1);
    if (events.length > this.limits.replayLimit) {
      // Too far behind to catch up event by event: the client refetches, then resumes from the newest id.
      this.write(stream, sseEvent({ id: latest, type: RESET_EVENT, data: { reason: "too_far_behind" } }));
      return;
    }
    let last = lastEventId;
    for (const e of events) {
      stream.replayed.add(e.id);
      last = e.id;
      this.write(stream, sseEvent({ id: e.id, type: e.event_type, data: e.payload }));
    }
    this.write(stream, sseEvent({ id: last, type: READY_EVENT, data: { last_event_id: last } }));
  }

  private deliver(stream: OpenStream, message: BusMessage) {
    if (message.kind === "close") {
      if (!message.sessionId || message.sessionId === stream.sessionId) stream.close(message.reason);
      return;
    }
    this.write(stream, sseEvent({ id: message.id, type: message.type, data: message.payload }));
  }

  private write(stream: OpenStream, chunk: string) {
    if (!stream.sink.write(chunk) && stream.sink.bufferedBytes() > this.limits.maxBufferedBytes) {
      this.logger.warn({ userId: stream.userId }, "event stream too slow: closed so it can resume by replay");
      stream.close("slow client");
    }
  }
}
