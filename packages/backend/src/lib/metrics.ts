import type { RequestHandler } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics of one API process, served by its own listener (lib/metrics-server.ts), never the public port. */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: "chat3d_http_requests_total",
    help: "HTTP requests by method, route and status",
    labelNames: ["method", "route", "status"],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: "chat3d_http_request_duration_seconds",
    help: "HTTP request duration by method and route (event streams excluded)",
    labelNames: ["method", "route"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(openStreams: () => number) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: "chat3d_sse_open_streams",
      help: "Event streams open on this instance",
      registers: [this.registry],
      collect() {
        this.set(openStreams());
      },
    });
  }

  /** Labels by the matched route pattern, so ids in paths do not explode the series count. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const start = process.hrtime.bigint();
      res.on("finish", () => {
        const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : "unmatched";
        this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
        if (!route.endsWith("/stream")) {
          this.duration.observe({ method: req.method, route }, Number(process.hrtime.bigint() - start) / 1e9);
        }
      });
      next();
    };
  }
}
