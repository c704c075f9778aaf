import type { EventPayload, EventType } from "@chat3d/shared";
import { EventEmitter } from "node:events";
import type { Logger } from "./logger.js";
import type { Redis } from "./redis.js";

/** Who receives an event: one user's streams, or every admin's. */
export type Audience = { userId: string } | { admins: true };

export interface DomainEvent<T extends EventType = EventType> {
  type: T;
  audience: Audience;
  payload: EventPayload<T>;
}

/** An event from the log, with the id a reconnecting stream resumes after. */
export interface LoggedEventMessage {
  kind: "event";
  id: string;
  type: string;
  payload: unknown;
}

/**
 * What the bus carries between instances: events too fleeting to log (a streamed answer's text as it
 * grows), which a reconnecting stream does not replay. Everything durable travels through the event log.
 */
export interface TransientEventMessage {
  kind: "transient";
  type: string;
  payload: unknown;
}
export type BusMessage = TransientEventMessage;

export type Channel = `user:${string}` | "admins";

export function channelOf(audience: Audience): Channel {
  return "userId" in audience ? `user:${audience.userId}` : "admins";
}

export interface EventBus {
  start(): Promise<void>;
  publish(channel: Channel, message: BusMessage): Promise<void>;
  subscribe(channel: Channel, listener: (message: BusMessage) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** For a single instance. */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async start() {}

  async publish(channel: Channel, message: BusMessage): Promise<void> {
    this.emitter.emit(channel, message);
  }

  async subscribe(channel: Channel, listener: (message: BusMessage) => void) {
    this.emitter.on(channel, listener);
    return async () => {
      this.emitter.off(channel, listener);
    };
  }

  async close() {
    this.emitter.removeAllListeners();
  }
}

/**
 * Fans events out across API instances: one Redis channel per user plus one for admins. Each instance
 * subscribes only to the channels of the streams it holds, counted so the last listener unsubscribes.
 */
export class RedisEventBus implements EventBus {
  private readonly local = new InProcessEventBus();
  private readonly subscriber: Redis;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly publisher: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.subscriber = publisher.duplicate();
    this.subscriber.on("error", (err) => logger.warn({ err: err.message }, "redis subscriber error"));
    this.subscriber.on("message", (redisChannel: string, raw: string) => {
      const channel = redisChannel.slice(this.prefix.length) as Channel;
      try {
        void this.local.publish(channel, JSON.parse(raw) as BusMessage);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message, channel }, "dropped a malformed bus message");
      }
    });
  }

  /** Connects the subscriber before the first stream needs it, so concurrent first subscriptions cannot race a connect. */
  async start() {
    await this.subscriber.connect();
  }

  async publish(channel: Channel, message: BusMessage): Promise<void> {
    await this.publisher.publish(this.prefix + channel, JSON.stringify(message));
  }

  async subscribe(channel: Channel, listener: (message: BusMessage) => void) {
    const count = this.counts.get(channel) ?? 0;
    this.counts.set(channel, count + 1);
    if (count === 0) await this.subscriber.subscribe(this.prefix + channel);
    const off = await this.local.subscribe(channel, listener);
    return async () => {
      await off();
      const left = (this.counts.get(channel) ?? 1) - 1;
      if (left > 0) {
        this.counts.set(channel, left);
        return;
      }
      this.counts.delete(channel);
      await this.subscriber.unsubscribe(this.prefix + channel).catch(() => undefined);
    };
  }

  async close() {
    await this.local.close();
    this.subscriber.disconnect();
  }
}
