import type { FieldErrors } from "@chat3d/shared";

/** The one error type services throw; the error middleware maps it to its status and the shared error shape. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  static badRequest(message: string, details?: FieldErrors | Record<string, unknown>) {
    return new AppError(400, "bad_request", message, details);
  }
  static validation(details: FieldErrors) {
    return new AppError(400, "validation_failed", "Some fields are not valid.", details);
  }
  static unauthorized(message = "Sign in to continue.") {
    return new AppError(401, "unauthorized", message);
  }
  static forbidden(message = "You do not have access to this.") {
    return new AppError(403, "forbidden", message);
  }
  static notFound(message = "Not found.") {
    return new AppError(404, "not_found", message);
  }
  static conflict(message: string, code = "conflict") {
    return new AppError(409, code, message);
  }
  static tooLarge(message = "The request is too large.") {
    return new AppError(413, "payload_too_large", message);
  }
  static unprocessable(message: string, code = "unprocessable") {
    return new AppError(422, code, message);
  }
  static tooManyRequests(message = "Too many requests. Try again later.", retryAfterS?: number) {
    return new AppError(429, "rate_limited", message, retryAfterS ? { retry_after_s: retryAfterS } : undefined);
  }
  static unavailable(message: string) {
    return new AppError(503, "unavailable", message);
  }
}
