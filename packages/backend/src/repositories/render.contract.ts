import { ModelFormatSchema, ModelMetricsSchema, PreviewViewSchema, ResultKindSchema } from "@chat3d/shared";
import { z } from "zod";

// The render service's HTTP contract as the backend reads it. Its source is the service's own pydantic
// models (services/build123d/openapi.json); a test checks these schemas against that document.

export const RenderedFileSchema = z.object({
  base64: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
});

export const RenderedPreviewSchema = RenderedFileSchema.extend({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const RenderResultSchema = z.object({
  kind: ResultKindSchema,
  files: z.partialRecord(ModelFormatSchema, RenderedFileSchema),
  previews: z.partialRecord(PreviewViewSchema, RenderedPreviewSchema),
  metrics: ModelMetricsSchema,
  warnings: z.array(z.string()),
  log: z.string(),
  timings: z.record(z.string(), z.number()),
});
export type RenderResult = z.infer<typeof RenderResultSchema>;

export const ScriptErrorTypeSchema = z.enum([
  "syntax",
  "runtime",
  "timeout",
  "memory",
  "forbidden",
  "no_result",
  "export",
]);
export type ScriptErrorType = z.infer<typeof ScriptErrorTypeSchema>;

export const RenderErrorResponseSchema = z.object({
  error: z.object({
    type: z.string(),
    message: z.string(),
    line: z.number().int().nullable().optional(),
    traceback: z.string().nullable().optional(),
  }),
});

export const RenderRequestSchema = z.object({
  code: z.string(),
  formats: z.array(ModelFormatSchema).optional(),
  quality: z.enum(["draft", "normal", "fine"]).optional(),
  caller: z.string().optional(),
  previews: z.object({ size: z.number().int().optional(), views: z.array(PreviewViewSchema).optional() }).optional(),
});
export type RenderRequest = z.infer<typeof RenderRequestSchema>;
