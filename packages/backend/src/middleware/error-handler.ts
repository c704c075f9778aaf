import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError } from "../errors.js";
import { StorageLimitError, StorageMissingError } from "../lib/storage.js";
import { RenderScriptError, RenderUnavailableError } from "../repositories/render.repository.js";
import { QueryEnded } from "../services/query-lifecycle.service.js";

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(AppError.notFound(`No route for ${req.method} ${req.path}.`));
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Maps body-parser and other Express middleware failures (malformed JSON, oversize bodies) to client errors. */
function fromBodyParser(err: BodyParserError): AppError | undefined {
  switch (err.type) {
    case "entity.parse.failed":
      return AppError.badRequest("The request body is not valid JSON.");
    case "entity.too.large":
      return AppError.tooLarge();
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError(415, "unsupported_media_type", "Unsupported request encoding.");
    default:
      // Other client errors raised by Express's own middleware (e.g. a missing static asset).
      if (err.status && err.status >= 400 && err.status < 500) {
        return err.status === 404
          ? AppError.notFound()
          : new AppError(err.status, "bad_request", "The request was not valid.");
      }
      return undefined;
  }
}

/**
 * Typed errors from below the services, each with the status and code a client sees. A test enumerates
 * every error class the backend exports, so a new one cannot reach a client as a 500 unnoticed.
 */
export function fromTypedError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof RenderScriptError) {
    return new AppError(422, "render_failed", err.message, {
      type: err.type,
      line: err.line,
      traceback: err.traceback,
    });
  }
  if (err instanceof QueryEnded) return AppError.conflict("This question has already ended.", "query_ended");
  if (err instanceof RenderUnavailableError) return new AppError(503, "render_unavailable", err.message);
  // The row outlived its bytes (deleted meanwhile, or a restore without the storage): the file is gone.
  if (err instanceof StorageMissingError) return AppError.notFound("This file is no longer stored.");
  if (err instanceof StorageLimitError) {
    return AppError.tooLarge(`Files can be at most ${Math.floor(err.maxBytes / 2 ** 20)} MB.`);
  }
  return undefined;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = fromTypedError(err) ?? fromBodyParser(err as BodyParserError);
  if (!known) {
    req.log.error({ err }, "unhandled error");
  }
  const error = known ?? new AppError(500, "internal_error", "Something went wrong on our side.");
  if (res.headersSent) {
    res.end();
    return;
  }
  const retryAfter = (error.details as { retry_after_s?: number } | undefined)?.retry_after_s;
  if (retryAfter) res.setHeader("Retry-After", String(retryAfter));
  res.status(error.status).json({
    error: { code: error.code, message: error.message, ...(error.details !== undefined && { details: error.details }) },
  });
};
