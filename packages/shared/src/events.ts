import { z } from "zod";
import { UserRoleSchema, UserStatusSchema } from "./auth.js";
import { AppSettingsSchema } from "./admin.js";
import { ChatContextSchema, ChatItemSchema, VersionSummarySchema } from "./chat.js";
import { InvitationSchema } from "./invitations.js";
import { QueryStateSchema, QueryStepSchema, TokenUsageSchema } from "./llm.js";
import { NotificationSchema } from "./notifications.js";
import { ShareSchema } from "./shares.js";
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
  /** One of my share links was made or revoked (another tab's list follows). */
  "share.updated": z.object({ share: ShareSchema }),
  /**
   * A query moved to another stage; stored with it in the same transaction, so a reload shows the truth. It
   * carries the query's totals, so a terminal state is the answer's final record (no refetch after it).
   */
  "chat.query.state": z.object({
    chat_context_id: z.uuid(),
    item_id: z.uuid(),
    query_id: z.uuid(),
    state: QueryStateSchema,
    attempt: z.number().int(),
    /** Why it failed, in words. */
    message: z.string().nullable(),
    /** The version a completed query made (null for an answer in prose). */
    version_id: z.uuid().nullable(),
    usage: TokenUsageSchema,
    cost_usd: z.number(),
    started_at: z.string(),
    finished_at: z.string().nullable(),
  }),
  /** The code model called one of its tools (rendered, looked, measured, submitted). */
  "chat.query.step": z.object({
    chat_context_id: z.uuid(),
    item_id: z.uuid(),
    query_id: z.uuid(),
    step: QueryStepSchema,
  }),
} as const;

export type EventType = keyof typeof EventPayloadSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof EventPayloadSchemas)[T]>;
export const EVENT_TYPES = Object.keys(EventPayloadSchemas) as EventType[];

/**
 * Fleeting events: pushed to the streams open at that moment, never logged or replayed. A streamed answer's
 * text arrives as ordered deltas; `length` is the text's length after this delta, so a client that missed
 * one (it connected late) knows to fetch the item instead.
 */
export const TransientEventPayloadSchemas = {
  "chat.answer.delta": z.object({
    chat_context_id: z.uuid(),
    item_id: z.uuid(),
    seq: z.number().int(),
    delta: z.string(),
    length: z.number().int(),
  }),
} as const;
export type TransientEventType = keyof typeof TransientEventPayloadSchemas;
export type TransientEventPayload<T extends TransientEventType> = z.infer<(typeof TransientEventPayloadSchemas)[T]>;
export const TRANSIENT_EVENT_TYPES = Object.keys(TransientEventPayloadSchemas) as TransientEventType[];
