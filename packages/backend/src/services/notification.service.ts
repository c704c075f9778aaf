import type { Notification, NotificationList } from "@chat3d/shared";
import { AppError } from "../errors.js";
import type { EventPublisher } from "../lib/event-bus.js";
import type { NotificationRepository } from "../repositories/notification.repository.js";

type Row = Awaited<ReturnType<NotificationRepository["insert"]>>;

function toView(row: Row): Notification {
  return {
    id: row.id,
    event_type: row.event_type,
    payload: row.payload,
    read_at: row.read_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}

export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly events: EventPublisher,
  ) {}

  /** Stores a notification and pushes it to the user's open tabs. */
  async notify(userId: string, eventType: string, payload: Record<string, unknown>): Promise<Notification> {
    const view = toView(await this.notifications.insert(userId, eventType, payload));
    await this.events.publish({ type: "notification.created", audience: { userId }, payload: view });
    return view;
  }

  async list(userId: string, query: { page: number; page_size: number; unread_only: boolean }): Promise<NotificationList> {
    const [{ items, total }, unread_count] = await Promise.all([
      this.notifications.list(userId, {
        limit: query.page_size,
        offset: (query.page - 1) * query.page_size,
        unreadOnly: query.unread_only,
      }),
      this.notifications.unreadCount(userId),
    ]);
    return { items: items.map(toView), total, page: query.page, page_size: query.page_size, unread_count };
  }

  unreadCount(userId: string): Promise<number> {
    return this.notifications.unreadCount(userId);
  }

  async markRead(userId: string, id: string): Promise<Notification> {
    const row = await this.notifications.markRead(userId, id);
    if (!row) throw AppError.notFound("No such notification.");
    await this.events.publish({ type: "notification.read", audience: { userId }, payload: { ids: [id], all: false } });
    return toView(row);
  }

  async markAllRead(userId: string): Promise<number> {
    const updated = await this.notifications.markAllRead(userId);
    if (updated) await this.events.publish({ type: "notification.read", audience: { userId }, payload: { ids: [], all: true } });
    return updated;
  }
}
