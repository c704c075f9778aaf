import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "./logger.js";
import type { ApiMetrics } from "./metrics.js";

export interface MetricsServer {
  url: string | undefined;
  close(): Promise<void>;
}

function authorized(header: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(header ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * Prometheus metrics on their own listener (loopback by default, `METRICS_HOST`/`METRICS_PORT`), never on the
 * public port, optionally behind `METRICS_TOKEN`. A port already taken costs the metrics, not the API.
 */
export async function startMetricsServer(
  metrics: ApiMetrics,
  options: { host: string; port: number; token: string | undefined },
  logger: Logger,
): Promise<MetricsServer> {
  const server = http.createServer(async (req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    if (!authorized(req.headers.authorization, options.token)) {
      res.writeHead(401, { "WWW-Authenticate": "Bearer" }).end();
      return;
    }
    res.writeHead(200, { "Content-Type": metrics.registry.contentType }).end(await metrics.registry.metrics());
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      logger.warn(
        { err: err.message },
        `metrics are off: cannot listen on ${options.host}:${options.port} (set METRICS_PORT)`,
      );
      resolve(false);
    });
    server.listen(options.port, options.host, () => resolve(true));
  });
  if (!listening) return { url: undefined, close: async () => undefined };
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}/metrics`;
  logger.info({ url }, "metrics listening");
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
