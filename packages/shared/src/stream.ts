import { z } from "zod";

/** Bigint ids as decimal text: event ids (Last-Event-ID), notification ids, item sequence numbers. */
export const DECIMAL_ID_PATTERN = /^\d{1,18}$/;

/** What the replay endpoint returns: the events after `after`, or `reset` when the client must refetch. */
export const ReplayQuerySchema = z.object({
  after: z.string().regex(DECIMAL_ID_PATTERN, "Use the id of the last event you received."),
});
export const ReplayResponseSchema = z.object({
  reset: z.boolean(),
  events: z.array(z.object({ id: z.string(), type: z.string(), data: z.unknown() })),
});
export type ReplayResponse = z.infer<typeof ReplayResponseSchema>;

/** Sent on the stream (and answered by replay) when the client is too far behind to catch up event by event. */
export const RESET_EVENT = "reset";
/** Sent once when the stream opens, carrying the id to resume from. */
export const READY_EVENT = "ready";
