import { z } from "zod";
import { UserRoleSchema, UserStatusSchema } from "./auth.js";
import { AppSettingsSchema } from "./admin.js";
import { ChatContextSchema, ChatItemSchema, VersionSummarySchema } from "./chat.js";
import { InvitationSchema } from "./invitations.js";
import { NotificationSchema } from "./notifications.js";
import { WaitlistEntrySchema } from "./waitlist.js";

/** Payloads of every event the server pushes over `/api/events/stream`; the SSE `event:` field is the key. */
export const EventPayloadSchemas = {
  "account.status.changed": z.object({
    user_id: z.uuid(),
    status: UserStatusSchema,
    role: UserRoleSchema,
    changed_by: z.uuid().nullable(),
  }),
  "admin.settings.updated": AppSettingsSchema,
  /** A session was signed out (or, with `session_id` null, every session of the user): its streams close. */
  "session.ended": z.object({ session_id: z.uuid().nullable(), reason: z.string() }),
  "notification.created": NotificationSchema,
  /** Another tab (or device) marked notifications read: `ids`, or every one when `all`. */
  "notification.read": z.object({ ids: z.array(z.string()), all: z.boolean() }),
  "waitlist.entry.updated": WaitlistEntrySchema,
  "invitation.updated": InvitationSchema,
  /** A chat was created, renamed, or has new activity. */
  "chat.context.updated": z.object({ context: ChatContextSchema }),
  "chat.context.deleted": z.object({ chat_context_id: z.uuid() }),
  /** A timeline entry was added or changed (`item`), or deleted (`item` null). */
  "chat.item.updated": z.object({ chat_context_id: z.uuid(), item_id: z.uuid(), item: ChatItemSchema.nullable() }),
  "chat.version.created": z.object({ chat_context_id: z.uuid(), version: VersionSummarySchema }),
  "chat.query.state": z.object({
    chat_context_id: z.uuid(),
    item_id: z.uuid(),
    state: z.enum(["queued", "thinking", "generating_code", "rendering", "complete", "error"]),
    message: z.string().optional(),
  }),
} as const;

export type EventType = keyof typeof EventPayloadSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof EventPayloadSchemas)[T]>;
export const EVENT_TYPES = Object.keys(EventPayloadSchemas) as EventType[];
