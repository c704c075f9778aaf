import { ReplayQuerySchema } from "@chat3d/shared";
import { Router, type Request } from "express";
import { z } from "zod";
import { parse } from "../lib/validate.js";
import { requireAuth } from "../middleware/authenticate.js";
import type { StreamService, StreamUser } from "../services/stream.service.js";

const LastEventIdSchema = z.string().regex(/^\d{1,18}$/, "Last-Event-ID must be the id of an event you received.");

const streamUser = (req: Request): StreamUser => ({ id: req.auth!.user.id, isAdmin: req.auth!.user.role === "admin" });

export function eventsRoutes(streams: StreamService): Router {
  const router = Router();

  router.get("/stream", requireAuth, async (req, res) => {
    // EventSource sends Last-Event-ID on reconnects; a first connect can pass it as a query parameter.
    const raw =
      req.get("last-event-id") ?? (typeof req.query.lastEventId === "string" ? req.query.lastEventId : undefined);
    const lastEventId = raw === undefined || raw === "" ? undefined : parse(LastEventIdSchema, raw);
    streams.assertCapacity(req.auth!.user.id);

    res.status(200);
    res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
    res.setHeader("Cache-Control", "no-cache, no-transform");
    res.setHeader("Connection", "keep-alive");
    // nginx: pass each event through at once rather than buffering the response.
    res.setHeader("X-Accel-Buffering", "no");
    res.flushHeaders();
    req.socket.setNoDelay(true);

    let gone = false;
    res.once("close", () => (gone = true));
    const stop = await streams.open(streamUser(req), req.auth!.sessionId, lastEventId, {
      write: (chunk) => res.write(chunk),
      bufferedBytes: () => res.writableLength,
      end: () => res.end(),
    });
    if (gone) stop();
    else res.once("close", stop);
  });

  router.get("/replay", requireAuth, async (req, res) => {
    const { after } = parse(ReplayQuerySchema, req.query);
    res.setHeader("Cache-Control", "no-store");
    res.json(await streams.replaySince(streamUser(req), after));
  });

  return router;
}
