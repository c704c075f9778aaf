import {
  EventPayloadSchemas,
  TransientEventPayloadSchemas,
  type EventType,
  type TransientEventPayload,
  type TransientEventType,
} from "@chat3d/shared";
import type { Db } from "../db/database.js";
import { channelOf, type Audience, type DomainEvent, type EventBus } from "../lib/event-bus.js";
import { EVENT_LOG_CHANNEL } from "../lib/event-relay.js";
import type { EventLogRepository } from "../repositories/event-log.repository.js";

// Held from the insert to the commit, so event ids become visible in the order they were given out and a
// relay reading "after the last id it saw" can never skip a slower transaction's row.
const ORDERING = { lock: 0x63683364, channel: EVENT_LOG_CHANNEL };
const MAX_BATCH = 500;

export interface EventServiceDeps {
  log: EventLogRepository;
  bus: EventBus;
}

interface Pending {
  entry: { userId: string | null; type: string; payload: unknown };
  resolve: (id: string) => void;
  reject: (err: unknown) => void;
}

export class EventService {
  /** Per connection pool: the events waiting for the next statement (one pool in practice). */
  private readonly queues = new Map<Db, Pending[]>();

  constructor(private readonly deps: EventServiceDeps) {}

  /**
   * Logs the event in the caller's transaction (or on its own): it reaches streams on every instance when
   * that transaction commits, and never if it rolls back. Call it last in a transaction, after the row locks
   * it needs, so the log lock it takes is held only for the commit. Events published outside a transaction
   * at the same moment share one statement.
   */
  async publish<T extends EventType>(event: DomainEvent<T>, db: Db): Promise<string> {
    const payload = EventPayloadSchemas[event.type].parse(event.payload);
    const entry = { userId: "userId" in event.audience ? event.audience.userId : null, type: event.type, payload };
    if (db.isTransaction) return (await this.deps.log.appendAndNotify([entry], ORDERING, db))[0]!;
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(db);
      if (queue) {
        queue.push({ entry, resolve, reject });
        return;
      }
      this.queues.set(db, [{ entry, resolve, reject }]);
      void this.flush(db);
    });
  }

  /** Writes what queued up meanwhile, batch after batch, until nothing waits. */
  private async flush(db: Db): Promise<void> {
    const queue = this.queues.get(db)!;
    await Promise.resolve();
    while (queue.length) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        const ids = await this.deps.log.appendAndNotify(
          batch.map((p) => p.entry),
          ORDERING,
          db,
        );
        batch.forEach((p, i) => p.resolve(ids[i]!));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.queues.delete(db);
  }

  /** A fleeting event for the open streams of its audience right now: not logged, so never replayed. */
  async broadcast<T extends TransientEventType>(
    type: T,
    audience: Audience,
    payload: TransientEventPayload<T>,
  ): Promise<void> {
    const checked = TransientEventPayloadSchemas[type].parse(payload);
    await this.deps.bus.publish(channelOf(audience), { kind: "transient", type, payload: checked });
  }
}
