import type { TokenScope } from "@chat3d/shared";
import type { User } from "../db/schema.js";
import type { Logger } from "../lib/logger.js";

declare global {
  namespace Express {
    interface Request {
      /** `sessionId` is the access token's id when `via` is "token"; `scopes` only then. */
      auth?: { user: User; sessionId: string; via: "cookie" | "bearer" | "token"; scopes?: TokenScope[] };
      /** This request's logger, tagged with its id (made on first use). */
      log: Logger;
    }
  }
}
export {};
