import { z } from "zod";

export const HealthSchema = z.object({
  status: z.literal("ok"),
  version: z.string(),
  uptime_s: z.number(),
});
export type Health = z.infer<typeof HealthSchema>;

export const DependencyCheckSchema = z.object({
  status: z.enum(["ok", "down", "not_configured"]),
  latency_ms: z.number().nullable(),
  message: z.string().optional(),
});
export type DependencyCheck = z.infer<typeof DependencyCheckSchema>;

export const ReadinessSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({
    database: DependencyCheckSchema,
    redis: DependencyCheckSchema,
    render: DependencyCheckSchema,
  }),
});
export type Readiness = z.infer<typeof ReadinessSchema>;
