import { EventPayloadSchemas, type EventType } from "@chat3d/shared";
import { channelOf, type DomainEvent, type EventBus, type EventPublisher } from "../lib/event-bus.js";
import type { EventLogRepository } from "../repositories/event-log.repository.js";

/**
 * Publishes an event to its audience on every instance: logged first (so a reconnecting stream can replay
 * it by id), then fanned out through the bus.
 */
export class EventService implements EventPublisher {
  constructor(
    private readonly log: EventLogRepository,
    private readonly bus: EventBus,
  ) {}

  async publish<T extends EventType>(event: DomainEvent<T>): Promise<void> {
    const payload = EventPayloadSchemas[event.type].parse(event.payload);
    const id = await this.log.append({
      userId: "userId" in event.audience ? event.audience.userId : null,
      type: event.type,
      payload,
    });
    await this.bus.publish(channelOf(event.audience), { kind: "event", id, type: event.type, payload });
  }

  /** Ends the user's open streams: all of them, or those of one session. */
  async closeStreams(userId: string, reason: string, sessionId?: string): Promise<void> {
    await this.bus.publish(`user:${userId}`, { kind: "close", reason, ...(sessionId && { sessionId }) });
  }
}
