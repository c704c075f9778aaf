import { pino, type Logger } from "pino";

export type { Logger };

/** JSON logs; secrets that might ride on a request are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "chat3d-api" },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-chat3d-token"]',
        'res.headers["set-cookie"]',
        "*.password",
        "*.token",
        "*.registration_token",
      ],
      censor: "[redacted]",
    },
  });
}
