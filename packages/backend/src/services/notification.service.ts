import type { Notification, NotificationList } from "@chat3d/shared";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import type { NotificationRepository } from "../repositories/notification.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import type { EventService } from "./event.service.js";

type Row = Awaited<ReturnType<NotificationRepository["insert"]>>;

function toView(row: Row): Notification {
  return {
    id: row.id,
    event_type: row.event_type,
    payload: row.payload as Notification["payload"],
    read_at: row.read_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}

/** What the notification center shows: a title, a sentence, and where clicking it leads. */
export type NotificationContent = { title: string; body: string; link?: string } | Record<string, unknown>;

export interface NotificationServiceDeps {
  db: Db;
  notifications: NotificationRepository;
  users: UserRepository;
  events: EventService;
}

export class NotificationService {
  constructor(private readonly deps: NotificationServiceDeps) {}

  /** Stores a notification and its push to the user's tabs in the caller's transaction: both land, or neither. */
  async notify(userId: string, eventType: string, content: NotificationContent, db: Db): Promise<Notification> {
    const view = toView(await this.deps.notifications.insert(userId, eventType, content, db));
    await this.deps.events.publish({ type: "notification.created", audience: { userId }, payload: view }, db);
    return view;
  }

  /** Every active admin, however many there are. */
  async notifyAdmins(eventType: string, content: NotificationContent, db: Db): Promise<void> {
    for (const adminId of await this.deps.users.activeAdminIds(db)) await this.notify(adminId, eventType, content, db);
  }

  async list(
    userId: string,
    query: { page: number; page_size: number; unread_only: boolean },
  ): Promise<NotificationList> {
    const { notifications } = this.deps;
    const [{ items, total }, unread_count] = await Promise.all([
      notifications.list(userId, {
        limit: query.page_size,
        offset: (query.page - 1) * query.page_size,
        unreadOnly: query.unread_only,
      }),
      notifications.unreadCount(userId),
    ]);
    return { items: items.map(toView), total, page: query.page, page_size: query.page_size, unread_count };
  }

  unreadCount(userId: string): Promise<number> {
    return this.deps.notifications.unreadCount(userId);
  }

  markRead(userId: string, id: string): Promise<Notification> {
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.deps.notifications.markRead(userId, id, trx);
      if (!row) throw AppError.notFound("No such notification.");
      await this.deps.events.publish(
        { type: "notification.read", audience: { userId }, payload: { ids: [id], all: false } },
        trx,
      );
      return toView(row);
    });
  }

  /** Once what a notification asked for is handled, it is read for whoever got it (admins' shared to-dos). */
  async markHandled(eventType: string, about: Record<string, string>, db: Db): Promise<void> {
    const rows = await this.deps.notifications.markReadAbout(eventType, about, db);
    for (const userId of new Set(rows.map((r) => r.user_id))) {
      const ids = rows.filter((r) => r.user_id === userId).map((r) => r.id);
      await this.deps.events.publish(
        { type: "notification.read", audience: { userId }, payload: { ids, all: false } },
        db,
      );
    }
  }

  markAllRead(userId: string): Promise<number> {
    return this.deps.db.transaction().execute(async (trx) => {
      const updated = await this.deps.notifications.markAllRead(userId, trx);
      if (updated) {
        await this.deps.events.publish(
          { type: "notification.read", audience: { userId }, payload: { ids: [], all: true } },
          trx,
        );
      }
      return updated;
    });
  }
}
