import { ModelFormatSchema, ModelMetricsSchema, PreviewViewSchema, ResultKindSchema } from "@chat3d/shared";
import { z } from "zod";

// The render service's HTTP contract as the backend reads it. Its source is the service's own pydantic
// models (services/build123d/openapi.json); a test checks these schemas against that document.

export const RenderedFileSchema = z.object({
  base64: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
});

export const RenderedPreviewSchema = z.object({
  base64: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
});

export const RenderTimingsSchema = z.object({
  queue_ms: z.number(),
  process_ms: z.number(),
  exec_ms: z.number(),
  export_ms: z.number(),
  preview_ms: z.number(),
  total_ms: z.number(),
});

export const RenderResultSchema = z.object({
  kind: ResultKindSchema,
  files: z.partialRecord(ModelFormatSchema, RenderedFileSchema),
  previews: z.partialRecord(PreviewViewSchema, RenderedPreviewSchema),
  metrics: ModelMetricsSchema,
  warnings: z.array(z.string()),
  log: z.string(),
  timings: RenderTimingsSchema,
});
export type RenderResult = z.infer<typeof RenderResultSchema>;

export const ScriptErrorTypeSchema = z.enum([
  "syntax",
  "runtime",
  "timeout",
  "memory",
  "disk",
  "forbidden",
  "no_result",
  "export",
]);
export type ScriptErrorType = z.infer<typeof ScriptErrorTypeSchema>;
const ServiceErrorTypeSchema = z.enum(["bad_request", "too_large", "busy"]);

export const RenderErrorResponseSchema = z.object({
  error: z.object({
    type: z.union([ScriptErrorTypeSchema, ServiceErrorTypeSchema]),
    message: z.string(),
    line: z.number().int().nullish(),
    traceback: z.string().nullish(),
    log: z.string().nullish(),
  }),
});

export const RenderRequestSchema = z.strictObject({
  code: z.string(),
  formats: z.array(ModelFormatSchema).nullish(),
  quality: z.enum(["draft", "normal", "fine"]).optional(),
  caller: z.string().max(200).nullish(),
  previews: z.object({ size: z.number().int().optional(), views: z.array(PreviewViewSchema).optional() }).nullish(),
  /** A person waits on it (the editor, a slider): the service gives it its shorter wall clock. */
  interactive: z.boolean().optional(),
});
export type RenderRequest = z.input<typeof RenderRequestSchema>;
