import { z } from "zod";
import { LlmProviderSchema } from "./llm.js";

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

/** A configured AI provider as the status page shows it: can the server reach it, and what it offers. */
export const ProviderStatusSchema = z.object({
  provider: LlmProviderSchema,
  /** Where the server calls it (no credentials). */
  base_url: z.string(),
  check: DependencyCheckSchema,
  /** The models people can pick from it now. */
  models: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type ProviderStatus = z.infer<typeof ProviderStatusSchema>;
export const ProviderStatusListSchema = z.object({ providers: z.array(ProviderStatusSchema) });
export type ProviderStatusList = z.infer<typeof ProviderStatusListSchema>;
