import type { User } from "../db/schema.js";
import type { Logger } from "../lib/logger.js";

declare global {
  namespace Express {
    interface Request {
      auth?: { user: User; sessionId: string; via: "cookie" | "bearer" };
      /** This request's logger, tagged with its id (made on first use). */
      log: Logger;
    }
  }
}
export {};
