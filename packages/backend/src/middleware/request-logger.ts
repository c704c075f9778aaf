import type { Express, RequestHandler } from "express";
import { randomUUID } from "node:crypto";
import type { Logger } from "../lib/logger.js";

const REQUEST_ID = /^[\w.-]{1,64}$/;
const QUIET = new Set(["/api/health"]);
const ID = Symbol("requestId");
const LOG = Symbol("requestLog");

type Tagged = { [ID]?: string; [LOG]?: Logger };

/**
 * A request id on every request and response, one log line when it ends, and `req.log` for handlers — a child
 * logger made only when something logs. A long-lived event stream then holds no logger of its own, which
 * per-request child loggers made one of the larger costs of each open stream. The getter lives on the app's
 * request prototype, once, so requests keep sharing one object shape.
 */
export function requestLogger(app: Express, logger: Logger): RequestHandler {
  Object.defineProperty(app.request, "log", {
    configurable: true,
    get(this: Tagged) {
      return (this[LOG] ??= logger.child({ reqId: this[ID] }));
    },
  });
  return (req, res, next) => {
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (req as Tagged)[ID] = id;
    res.setHeader("X-Request-Id", id);
    if (QUIET.has(req.path)) return next();
    const started = performance.now();
    res.once("close", () => {
      logger.info(
        {
          reqId: id,
          req: { method: req.method, url: req.originalUrl, remoteAddress: req.ip },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        res.writableFinished ? "request completed" : "request aborted",
      );
    });
    next();
  };
}
