import { EventPayloadSchemas, type EventType } from "@chat3d/shared";
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { channelOf, type Audience, type DomainEvent, type EventBus } from "../lib/event-bus.js";
import { EVENT_LOG_CHANNEL } from "../lib/event-relay.js";
import type { EventLogRepository } from "../repositories/event-log.repository.js";

// Held from the insert to the commit, so event ids become visible in the order they were given out and a
// relay reading "after the last id it saw" can never skip a slower transaction's row.
const EVENT_LOG_LOCK = 0x63683364;

export interface EventServiceDeps {
  log: EventLogRepository;
  bus: EventBus;
}

export class EventService {
  constructor(private readonly deps: EventServiceDeps) {}

  /**
   * Logs the event in the caller's transaction (or a transaction of its own): it reaches streams on every
   * instance when that transaction commits, and never if it rolls back. Call it last in a transaction, after
   * the row locks it needs, so the log lock it takes is held only for the commit.
   */
  async publish<T extends EventType>(event: DomainEvent<T>, db: Db): Promise<string> {
    const payload = EventPayloadSchemas[event.type].parse(event.payload);
    const userId = "userId" in event.audience ? event.audience.userId : null;
    const write = async (trx: Db) => {
      await sql`SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK})`.execute(trx);
      const id = await this.deps.log.append({ userId, type: event.type, payload }, trx);
      // Delivered by PostgreSQL on commit only; one per transaction however many events it logs.
      await sql`SELECT pg_notify(${EVENT_LOG_CHANNEL}, '')`.execute(trx);
      return id;
    };
    return db.isTransaction ? write(db) : db.transaction().execute(write);
  }

  /** A fleeting event for the open streams of its audience right now: not logged, so never replayed. */
  async broadcast(type: string, audience: Audience, payload: unknown): Promise<void> {
    await this.deps.bus.publish(channelOf(audience), { kind: "transient", type, payload });
  }
}
