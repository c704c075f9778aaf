import { DECIMAL_ID_PATTERN, ReplayQuerySchema, ReplayResponseSchema } from "@chat3d/shared";
import { z } from "zod";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import { parse } from "../lib/validate.js";
import type { StreamService, StreamUser } from "../services/stream.service.js";

const EventIdSchema = z.string().regex(DECIMAL_ID_PATTERN, "Last-Event-ID must be the id of an event you received.");
const StreamQuerySchema = z.object({ lastEventId: EventIdSchema.optional() });

export const EVENT_STREAM_PATH = "/api/events/stream";

const streamUser = (user: { id: string; role: string }): StreamUser => ({
  id: user.id,
  isAdmin: user.role === "admin",
});

export function eventsRoutes(streams: StreamService, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api/events", { tag: "events", access: "user" }, deps)
    .add({
      method: "get",
      path: "/stream",
      summary: "Server-Sent Events: id/event/data frames, heartbeats, replay after Last-Event-ID",
      query: StreamQuerySchema,
      produces: "text/event-stream",
      responses: { 200: "the event stream", 429: "too many streams" },
      handle: async ({ user, sessionId, query, req, res }) => {
        // EventSource sends Last-Event-ID on reconnects; a first connect can pass it as a query parameter.
        const header = req.get("last-event-id");
        const lastEventId = header ? parse(EventIdSchema, header) : query.lastEventId;
        streams.assertCapacity(user.id);

        res.status(200);
        res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
        res.setHeader("Cache-Control", "no-cache, no-transform");
        res.setHeader("Connection", "keep-alive");
        // nginx: pass each event through at once rather than buffering the response.
        res.setHeader("X-Accel-Buffering", "no");
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.flushHeaders();
        req.socket.setNoDelay(true);

        let gone = false;
        res.once("close", () => (gone = true));
        const stop = await streams.open(streamUser(user), sessionId, lastEventId, {
          write: (chunk) => res.write(chunk),
          bufferedBytes: () => res.writableLength,
          end: () => res.end(),
        });
        if (gone) stop();
        else res.once("close", stop);
      },
    })
    .add({
      method: "get",
      path: "/replay",
      summary: "Events after an id, or reset",
      query: ReplayQuerySchema,
      responses: { 200: ReplayResponseSchema },
      handle: ({ user, query, res }) => {
        res.setHeader("Cache-Control", "no-store");
        return streams.replaySince(streamUser(user), query.after);
      },
    });
}
