import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import helmet from "helmet";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { pinoHttp } from "pino-http";
import cors from "cors";
import type { Container } from "./container.js";
import { ACCESS_TOKEN_TTL_S } from "./container.js";
import { authenticate } from "./middleware/authenticate.js";
import { errorHandler, notFoundHandler } from "./middleware/error-handler.js";
import { originCheck } from "./middleware/origin-check.js";
import { inlineScriptHashes, serveWebApp } from "./lib/web-app.js";
import { adminRoutes } from "./routes/admin.routes.js";
import { authRoutes } from "./routes/auth.routes.js";
import { eventsRoutes } from "./routes/events.routes.js";
import { notificationsRoutes } from "./routes/notifications.routes.js";
import { filesRoutes } from "./routes/files.routes.js";
import { healthRoutes } from "./routes/health.routes.js";
import { invitationsRoutes } from "./routes/invitations.routes.js";
import { profileRoutes } from "./routes/profile.routes.js";
import { waitlistRoutes } from "./routes/waitlist.routes.js";

export type AppDeps = Pick<Container, "config" | "logger" | "services" | "cookies" | "rateLimiter" | "metrics">;

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Builds the HTTP application; it never listens (server.ts and the tests do). */
export function createApp({ config, logger, services, cookies, rateLimiter, metrics }: AppDeps): Express {
  const allowedOrigins = [new URL(config.APP_BASE_URL).origin, ...config.CORS_ORIGINS];
  const app = express();
  app.disable("x-powered-by");
  // Exactly the configured number of proxy hops is trusted, so a client cannot forge its IP.
  app.set("trust proxy", config.TRUST_PROXY_HOPS);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === "/api/health" },
    }),
  );
  const https = new URL(config.APP_BASE_URL).protocol === "https:";
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", ...inlineScriptHashes(config.WEB_DIST_DIR)],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'", "blob:"],
          "worker-src": ["'self'", "blob:"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          // Over plain http (a laptop, a LAN address) upgrading would break every asset request.
          ...(https && { "upgrade-insecure-requests": [] }),
        },
      },
      strictTransportSecurity: https,
    }),
  );
  app.use(metrics.middleware());
  app.get("/metrics", async (_req, res) => {
    res.setHeader("Content-Type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  app.use(express.json({ limit: "1mb" }));
  app.use(cookieParser());

  const api = express.Router();
  api.use(cors({ origin: config.CORS_ORIGINS, credentials: true, maxAge: 600 }));
  api.use(healthRoutes(services.health));
  api.use(originCheck(allowedOrigins));
  api.use(authenticate(services.auth, cookies));
  api.use("/auth", authRoutes(services.auth, cookies, rateLimiter, ACCESS_TOKEN_TTL_S));
  api.use(
    "/admin",
    adminRoutes(
      { users: services.adminUsers, settings: services.settings, waitlist: services.waitlist, jobs: services.jobAdmin },
      rateLimiter,
    ),
  );
  api.use("/waitlist", waitlistRoutes(services.waitlist, rateLimiter));
  api.use("/invitations", invitationsRoutes(services.invitations, rateLimiter));
  api.use("/files", filesRoutes(services.files));
  api.use("/profile", profileRoutes(services.accountActions, rateLimiter));
  api.use("/events", eventsRoutes(services.streams));
  api.use("/notifications", notificationsRoutes(services.notifications));
  api.use(notFoundHandler);
  app.use("/api", api);

  if (config.WEB_DIST_DIR && existsSync(config.WEB_DIST_DIR)) serveWebApp(app, config.WEB_DIST_DIR);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
