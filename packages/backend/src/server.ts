import type { Express } from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { createApp } from "./app.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createContainer, type Container, type ContainerOptions } from "./container.js";
import { migrateToLatest } from "./db/migrator.js";
import { createLogger } from "./lib/logger.js";
import { startMetricsServer } from "./lib/metrics-server.js";

export interface RunningServer {
  url: string;
  /** Where Prometheus scrapes this instance, when its listener could start. */
  metricsUrl: string | undefined;
  app: Express;
  container: Container;
  stop(): Promise<void>;
}

export async function startWebServer(
  config: Config = loadConfig(),
  options: ContainerOptions = {},
): Promise<RunningServer> {
  const logger = createLogger(config.LOG_LEVEL);
  const container = await createContainer(config, logger, options);
  try {
    if (config.MIGRATE_ON_START) {
      const applied = await migrateToLatest(container.db);
      if (applied.length) logger.info({ applied }, "database migrated");
    }
    await container.relay.start();
    const boot = await container.services.bootstrap.run({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
    if (boot.generatedPassword) announceGeneratedAdmin(config.ADMIN_EMAIL, boot.generatedPassword);
  } catch (err) {
    await container.close();
    throw err;
  }

  if (config.RUN_WORKER) await container.startWorker();
  const app = createApp(container);
  const server = await listen(app, config.PORT, config.HOST);
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`;
  logger.info({ url }, "api listening");
  const metricsServer = await startMetricsServer(
    container.metrics,
    { host: config.METRICS_HOST, port: config.METRICS_PORT, token: config.METRICS_TOKEN },
    logger,
  );

  return {
    url,
    metricsUrl: metricsServer.url,
    app,
    container,
    async stop() {
      await metricsServer.close();
      container.services.streams.closeAll("server shutting down");
      server.closeIdleConnections();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Long-lived responses (event streams) must not hold shutdown hostage.
      setTimeout(() => server.closeAllConnections(), 5000).unref();
      await closed;
      await container.close();
    },
  };
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once("listening", () => resolve(server));
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(err.code === "EADDRINUSE" ? new Error(`Port ${port} is already in use. Set PORT to a free port.`) : err);
    });
  });
}

/** Printed once, on the start that creates the admin, because the password is stored only as a hash. */
function announceGeneratedAdmin(email: string, password: string) {
  process.stdout.write(
    `\n  Admin account created\n    email:    ${email}\n    password: ${password}\n  Keep it now: it is not shown again. Set ADMIN_PASSWORD to choose your own.\n\n`,
  );
}

async function main() {
  let running: RunningServer;
  try {
    running = await startWebServer();
  } catch (err) {
    process.stderr.write(
      `${err instanceof ConfigError ? err.message : `Chat3D API failed to start: ${(err as Error).message}`}\n`,
    );
    process.exit(1);
  }
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await running.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
