import { z } from "zod";
import { MAX_ATTACHMENTS } from "./media.js";
import { FaceReferencesSchema } from "./face-reference.js";
import { multilineText, singleLineText } from "./text.js";

export const LlmProviderSchema = z.enum(["anthropic", "openai", "xai", "ollama"]);
export type LlmProvider = z.infer<typeof LlmProviderSchema>;
export const ModelRoleSchema = z.enum(["conversation", "codegen"]);
export type ModelRole = z.infer<typeof ModelRoleSchema>;

/** A model that can be used right now: its provider is configured (and, for Ollama, answers). */
export const LlmModelSchema = z.object({
  /** `provider:model`, e.g. `anthropic:claude-sonnet-4-5`, `ollama:qwen2.5-coder:14b`. */
  id: z.string(),
  provider: LlmProviderSchema,
  label: z.string(),
  roles: z.array(ModelRoleSchema),
  accepts_images: z.boolean(),
  supports_tools: z.boolean(),
});
export type LlmModel = z.infer<typeof LlmModelSchema>;

export const LlmModelListSchema = z.object({
  models: z.array(LlmModelSchema),
  defaults: z.object({ conversation: z.string().nullable(), codegen: z.string().nullable() }),
  /** Why nothing is offered, in words for the person (no provider configured, Ollama unreachable). */
  hint: z.string().nullable(),
});
export type LlmModelList = z.infer<typeof LlmModelListSchema>;

/** The stages a query goes through; each is stored on the answer and published as `chat.query.state`. */
export const QueryStateSchema = z.enum([
  "queued",
  "conversation",
  "codegen",
  "rendering",
  "repairing",
  "completed",
  "failed",
  "cancelled",
]);
export type QueryState = z.infer<typeof QueryStateSchema>;
export const TERMINAL_QUERY_STATES: readonly QueryState[] = ["completed", "failed", "cancelled"];

/** What the conversation model asks the code model to build or change. */
export const DesignBriefSchema = z.object({
  summary: z.string().describe("One sentence: what to build, or what to change in the current model"),
  change_of_current: z.boolean().describe("True when this edits the chat's current model rather than starting over"),
  dimensions: z
    .array(
      z.object({
        name: z.string().describe("e.g. overall width, hole diameter"),
        value: z.number(),
        unit: z.enum(["mm", "cm", "m", "in", "deg"]),
        axis: z.enum(["x", "y", "z"]).nullable().describe("The overall extent this measures, when it is one"),
      }),
    )
    .describe("Every dimension the person stated, with its unit"),
  features: z.array(z.string()).describe("Features to include: holes, fillets, slots, text…"),
  holes: z
    .array(
      z.object({
        count: z.number().int().min(1),
        diameter: z.number().positive(),
        unit: z.enum(["mm", "cm", "in"]),
      }),
    )
    .describe("Every stated group of round holes: how many, and their diameter (e.g. 4 holes of 5 mm)"),
  parts: z
    .array(z.object({ name: z.string(), description: z.string() }))
    .describe("When the request is several distinct parts (a box and its lid), each part; otherwise empty"),
  single_solid: z.boolean().describe("True when the result should be one watertight solid"),
  open_questions: z.array(z.string()).describe("Anything ambiguous that was assumed"),
});
export type DesignBrief = z.infer<typeof DesignBriefSchema>;

/** One try of the code model: its code, and what rendering it said. */
export const QueryAttemptSchema = z.object({
  number: z.number().int(),
  code: z.string(),
  outcome: z.enum(["rendered", "render_failed", "contradicts_brief", "malformed"]),
  problem: z.string().nullable(),
  line: z.number().int().nullable(),
});
export type QueryAttempt = z.infer<typeof QueryAttemptSchema>;

/** An image sent with a question: a sketch or a photo, one of the person's uploads. */
export const MessageAttachmentSchema = z.object({ file_id: z.uuid(), content_type: z.string(), name: z.string() });
export type MessageAttachment = z.infer<typeof MessageAttachmentSchema>;

export const QueryToolSchema = z.enum(["render", "look", "measure", "search_examples", "lookup_api", "submit"]);
export type QueryTool = z.infer<typeof QueryToolSchema>;

/** One tool call of the code model, as the answer's step list shows it ("rendered", "fixed line 12"). */
export const QueryStepSchema = z.object({
  number: z.number().int(),
  tool: QueryToolSchema,
  ok: z.boolean(),
  /** A few words: "rendered 40 × 20 × 10 mm", "syntax error on line 12", "submitted". */
  summary: z.string(),
  /** The script line a failed render pointed at. */
  line: z.number().int().nullable(),
});
export type QueryStep = z.infer<typeof QueryStepSchema>;

export const TokenUsageSchema = z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() });

/** The pipeline's record of one query, shown on its answer. */
export const QueryStatusSchema = z.object({
  id: z.uuid(),
  state: QueryStateSchema,
  conversation_model_id: z.string(),
  codegen_model_id: z.string(),
  prompt_version: z.string(),
  brief: DesignBriefSchema.nullable(),
  attempts: z.array(QueryAttemptSchema),
  steps: z.array(QueryStepSchema),
  /** Images sent with the question (file ids), and the faces it pointed at. */
  attachments: z.array(MessageAttachmentSchema),
  faces: FaceReferencesSchema,
  usage: TokenUsageSchema,
  cost_usd: z.number(),
  error: z.string().nullable(),
  /** The version a completed query made; null while it runs, and for an answer in prose. */
  version_id: z.uuid().nullable(),
  started_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
});
export type QueryStatus = z.infer<typeof QueryStatusSchema>;

export const CreateQueryRequestSchema = z.strictObject({
  chat_context_id: z.uuid("Not a valid id."),
  query: multilineText(20_000).refine((t) => t.trim().length > 0, "Write something first."),
  conversation_model_id: singleLineText(200).optional(),
  codegen_model_id: singleLineText(200).optional(),
  /** Images (PNG, JPEG, WebP) uploaded through `POST /api/files`: a sketch or a photo of the part. */
  attachments: z
    .array(z.uuid("Not a valid id."))
    .max(MAX_ATTACHMENTS, `Attach at most ${MAX_ATTACHMENTS} images.`)
    .optional(),
  /** Faces picked in the viewer, so "make this face thicker" edits the right place. */
  faces: FaceReferencesSchema.optional(),
});
export type CreateQueryRequest = z.input<typeof CreateQueryRequestSchema>;

export const QueryParamsSchema = z.object({ id: z.uuid("Not a valid id.") });
