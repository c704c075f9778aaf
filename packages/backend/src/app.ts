import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import helmet from "helmet";
import { existsSync } from "node:fs";
import cors from "cors";
import type { Container } from "./container.js";
import { ACCESS_TOKEN_TTL_S } from "./container.js";
import { authenticate } from "./middleware/authenticate.js";
import { errorHandler, notFoundHandler } from "./middleware/error-handler.js";
import { originCheck } from "./middleware/origin-check.js";
import { tokenConcurrency } from "./middleware/token-concurrency.js";
import { requestLogger } from "./middleware/request-logger.js";
import { jsonBody } from "./lib/json-body.js";
import { inlineScriptHashes, serveWebApp } from "./lib/web-app.js";
import type { RouteTable, RouteTableDeps } from "./lib/route-table.js";
import { MCP_PATH, mcpRouter } from "./mcp/mcp.routes.js";
import { buildOpenApiDocument } from "./openapi.js";
import { accessTokenRoutes, adminAccessTokenRoutes } from "./routes/access-tokens.routes.js";
import { adminRoutes } from "./routes/admin.routes.js";
import { authRoutes } from "./routes/auth.routes.js";
import { chatRoutes } from "./routes/chat.routes.js";
import { llmRoutes } from "./routes/llm.routes.js";
import { queryRoutes } from "./routes/query.routes.js";
import { EVENT_STREAM_PATH, eventsRoutes } from "./routes/events.routes.js";
import { notificationsRoutes } from "./routes/notifications.routes.js";
import { filesRoutes } from "./routes/files.routes.js";
import { healthRoutes } from "./routes/health.routes.js";
import { invitationsRoutes } from "./routes/invitations.routes.js";
import { profileRoutes } from "./routes/profile.routes.js";
import { sharesRoutes } from "./routes/shares.routes.js";
import { waitlistRoutes } from "./routes/waitlist.routes.js";

export type AppDeps = Pick<
  Container,
  "config" | "logger" | "services" | "cookies" | "rateLimiter" | "metrics" | "version" | "relay"
>;

/** Every route of the API, table by table: what the app mounts and what the OpenAPI document describes. */
export function apiRoutes({ config, logger, services, cookies, rateLimiter, version }: AppDeps): RouteTable[] {
  const deps: RouteTableDeps = { limiter: rateLimiter, logger, validateResponses: config.VALIDATE_RESPONSES };
  const tables: RouteTable[] = [
    healthRoutes(services.health, () => document, deps),
    authRoutes(services.auth, services.accountActions, cookies, ACCESS_TOKEN_TTL_S, deps),
    profileRoutes({ actions: services.accountActions, profile: services.profile, exports: services.exports }, deps),
    accessTokenRoutes(services.tokens, deps),
    waitlistRoutes(services.waitlist, deps),
    invitationsRoutes(services.invitations, deps),
    eventsRoutes(services.streams, deps),
    notificationsRoutes(services.notifications, deps),
    filesRoutes(services.files, deps),
    chatRoutes(services.chats, services.versions, deps),
    sharesRoutes(services.shares, services.files, deps),
    queryRoutes(services.queries, deps),
    llmRoutes(services.models, deps),
    adminRoutes(
      {
        users: services.adminUsers,
        settings: services.settings,
        waitlist: services.waitlist,
        jobs: services.jobAdmin,
        invitations: services.invitations,
      },
      deps,
    ),
    adminAccessTokenRoutes(services.tokens, deps),
  ];
  const document = buildOpenApiDocument(
    version,
    tables.flatMap((t) => t.routes),
  );
  return tables;
}

/** Builds the HTTP application; it never listens (server.ts and the tests do). */
export function createApp(deps: AppDeps): Express {
  const { config, logger, metrics } = deps;
  const allowedOrigins = [new URL(config.APP_BASE_URL).origin, ...config.CORS_ORIGINS];
  const app = express();
  app.disable("x-powered-by");
  // Exactly the configured number of proxy hops is trusted, so a client cannot forge its IP.
  app.set("trust proxy", config.TRUST_PROXY_HOPS);

  app.use(requestLogger(app, logger));
  const https = new URL(config.APP_BASE_URL).protocol === "https:";
  const securityHeaders = helmet({
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
  });
  // An event stream is never rendered as a page, and its response head stays in memory for as long as the
  // stream is open: it gets only nosniff (set by its route), not the page headers.
  app.use((req, res, next) => (req.path === EVENT_STREAM_PATH ? next() : securityHeaders(req, res, next)));
  app.use(metrics.middleware());
  app.use(jsonBody());
  app.use(cookieParser());

  const authenticated = authenticate(deps.services.auth, deps.cookies, deps.services.tokens);
  // One counter for the REST API and MCP: a token's cap covers both.
  const perToken = tokenConcurrency(config.ACCESS_TOKEN_MAX_CONCURRENCY);
  const api = express.Router();
  api.use(cors({ origin: config.CORS_ORIGINS, credentials: true, maxAge: 600 }));
  api.use(authenticated);
  api.use(originCheck(allowedOrigins));
  api.use(perToken);
  for (const table of apiRoutes(deps)) api.use(table.prefix.slice("/api".length) || "/", table.router);
  api.use(notFoundHandler);
  app.use("/api", api);
  app.use(
    MCP_PATH,
    authenticated,
    mcpRouter(
      {
        services: deps.services,
        relay: deps.relay,
        logger,
        baseUrl: new URL(config.APP_BASE_URL).origin,
        version: deps.version,
      },
      [perToken],
    ),
  );

  if (config.WEB_DIST_DIR && existsSync(config.WEB_DIST_DIR)) serveWebApp(app, config.WEB_DIST_DIR);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
