import { z } from "zod";
import { FaceReferencesSchema } from "./face-reference.js";
import { FaceTypeSchema } from "./geometry.js";
import { MessageAttachmentSchema, QueryStatusSchema } from "./llm.js";
import { ParameterValuesSchema } from "./params.js";
import { multilineText, singleLineText } from "./text.js";

export const MAX_CODE_CHARS = 200_000;
export const MAX_MESSAGE_CHARS = 20_000;

/** What a version's files are: the exported model in one format, its code, or a preview image. */
export const ModelFormatSchema = z.enum(["step", "stl", "3mf", "glb", "svg", "dxf"]);
export type ModelFormat = z.infer<typeof ModelFormatSchema>;
export const PreviewViewSchema = z.enum(["iso", "front", "top", "right"]);
export type PreviewView = z.infer<typeof PreviewViewSchema>;
export const RenderQualitySchema = z.enum(["draft", "normal", "fine"]);
export type RenderQuality = z.infer<typeof RenderQualitySchema>;

export const VersionFileSchema = z.discriminatedUnion("role", [
  z.object({
    role: z.literal("model"),
    format: ModelFormatSchema,
    file_id: z.uuid(),
    bytes: z.number().int(),
    name: z.string(),
  }),
  z.object({
    role: z.literal("code"),
    format: z.literal("b123d"),
    file_id: z.uuid(),
    bytes: z.number().int(),
    name: z.string(),
  }),
  z.object({
    role: z.literal("preview"),
    view: PreviewViewSchema,
    file_id: z.uuid(),
    bytes: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
  }),
]);
export type VersionFile = z.infer<typeof VersionFileSchema>;

const Vec3 = z.array(z.number());

/** One B-rep face, so a person can point at it and the model can measure it. Millimetres, Z up. */
export const ModelFaceSchema = z.object({
  index: z.number().int(),
  type: FaceTypeSchema,
  area: z.number(),
  center: Vec3,
  bbox_size: Vec3,
  /** Planes: the outward unit normal. */
  normal: Vec3.nullish(),
  /** Cylinders, cones, tori: the axis direction, a point on it, and the radius. */
  axis: Vec3.nullish(),
  axis_point: Vec3.nullish(),
  radius: z.number().nullish(),
});
export type ModelFace = z.infer<typeof ModelFaceSchema>;

export const ModelEdgeSchema = z.object({
  index: z.number().int(),
  type: z.enum(["line", "circle", "other"]),
  length: z.number(),
  start: Vec3,
  end: Vec3,
  /** Circles and arcs: centre, radius and the normal of their plane. */
  center: Vec3.nullish(),
  radius: z.number().nullish(),
  normal: Vec3.nullish(),
});
export type ModelEdge = z.infer<typeof ModelEdgeSchema>;

/** Holes (or bosses) of one diameter, however many faces each is made of. */
export const CylinderGroupSchema = z.object({
  kind: z.enum(["hole", "boss"]),
  diameter: z.number(),
  count: z.number().int(),
  faces: z.array(z.number().int()),
});

/** Geometry of a rendered result, computed by the render service on the exact shape. */
export const ModelMetricsSchema = z.object({
  bounding_box: z.object({ min: Vec3, max: Vec3, size: Vec3 }),
  volume: z.number().nullable(),
  surface_area: z.number().nullable(),
  solids: z.number().int(),
  watertight: z.boolean(),
  triangles: z.number().int(),
  face_count: z.number().int(),
  edge_count: z.number().int(),
  faces: z.array(ModelFaceSchema),
  edges: z.array(ModelEdgeSchema),
  faces_truncated: z.boolean(),
  edges_truncated: z.boolean(),
  cylinders: z.array(CylinderGroupSchema),
  /** 2D results: area and total edge length. */
  area: z.number().nullish(),
  perimeter: z.number().nullish(),
});
export type ModelMetrics = z.infer<typeof ModelMetricsSchema>;

export const RenderTimingsSchema = z.record(z.string(), z.number());

export const VersionSourceSchema = z.enum(["render", "edit", "parameters", "restore", "ai"]);
export type VersionSource = z.infer<typeof VersionSourceSchema>;
export const ResultKindSchema = z.enum(["solid", "2d"]);

export const VersionSummarySchema = z.object({
  id: z.uuid(),
  chat_context_id: z.uuid(),
  /** 1, 2, 3… within the chat. */
  number: z.number().int(),
  source: VersionSourceSchema,
  kind: ResultKindSchema,
  parent_version_id: z.uuid().nullable(),
  /** For a restore: the version whose content this one brings back. */
  restored_from_version_id: z.uuid().nullable(),
  thumbnail_file_id: z.uuid().nullable(),
  /** Bounding-box extents in mm (x, y, z), so previews of one chat can share a scale; null before a render measured it. */
  size: z.array(z.number()).length(3).nullable(),
  created_at: z.string(),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

/** A version is immutable: a change (code, a slider, a restore, an AI answer) always makes a new one. */
export const VersionSchema = VersionSummarySchema.extend({
  code: z.string(),
  parameters: ParameterValuesSchema,
  quality: RenderQualitySchema,
  files: z.array(VersionFileSchema),
  metrics: ModelMetricsSchema,
  timings: RenderTimingsSchema,
  warnings: z.array(z.string()),
  log: z.string(),
});
export type Version = z.infer<typeof VersionSchema>;

export const ChatContextSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  conversation_model_id: z.string().nullable(),
  codegen_model_id: z.string().nullable(),
  /** Tokens and cost of every query in the chat so far. */
  usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int(), cost_usd: z.number() }),
  created_at: z.string(),
  updated_at: z.string(),
  last_activity_at: z.string(),
  current_version: VersionSummarySchema.nullable(),
});
export type ChatContext = z.infer<typeof ChatContextSchema>;

export const ItemStateSchema = z.enum(["pending", "complete", "failed", "cancelled"]);
export type ItemState = z.infer<typeof ItemStateSchema>;
export const RatingSchema = z.union([z.literal(-1), z.literal(0), z.literal(1)]);

export const ChatItemRoleSchema = z.enum(["user", "assistant"]);

const itemBase = {
  id: z.uuid(),
  chat_context_id: z.uuid(),
  role: ChatItemRoleSchema,
  state: ItemStateSchema,
  rating: RatingSchema.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  /** On an answer from the AI pipeline: the query behind it, with its stage, attempts, tokens and cost. */
  query: QueryStatusSchema.optional(),
};

/** The timeline's entries: what someone said, what went wrong, a model version, or a note about the chat. */
export const ChatItemSchema = z.discriminatedUnion("type", [
  z.object({
    ...itemBase,
    type: z.literal("message"),
    text: z.string(),
    /** What a question carried: images, and faces picked in the viewer. */
    attachments: z.array(MessageAttachmentSchema),
    faces: FaceReferencesSchema,
  }),
  z.object({
    ...itemBase,
    type: z.literal("errormessage"),
    text: z.string(),
    error: z.object({ type: z.string(), line: z.number().int().nullable() }).nullable(),
  }),
  z.object({ ...itemBase, type: z.literal("3dmodel"), text: z.string().nullable(), version: VersionSummarySchema }),
  z.object({ ...itemBase, type: z.literal("meta"), text: z.string(), event: z.string() }),
]);
export type ChatItem = z.infer<typeof ChatItemSchema>;
export type ChatItemType = ChatItem["type"];

/** Opaque paging position handed out by the server. */
export const CursorSchema = z.string().regex(/^[\w-]{1,200}$/, "Not a valid cursor.");

export const ChatContextListQuerySchema = z.object({
  query: singleLineText(200).optional(),
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const ChatContextListSchema = z.object({
  items: z.array(ChatContextSchema),
  next_cursor: z.string().nullable(),
});
export type ChatContextList = z.infer<typeof ChatContextListSchema>;

export const CreateChatContextRequestSchema = z.object({ name: singleLineText(120).optional() });
/** A chat's name, as the rename form edits it. */
export const RenameChatRequestSchema = z.strictObject({ name: singleLineText(120) });
export const UpdateChatContextRequestSchema = z
  .strictObject({
    ...RenameChatRequestSchema.shape,
    /** The chat's model choice, which later queries use unless they name others. */
    conversation_model_id: singleLineText(200).nullable(),
    codegen_model_id: singleLineText(200).nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "Change the name or a model.");
export const ChatContextResponseSchema = z.object({ context: ChatContextSchema });

/** A page of a chat's timeline, oldest first; `before_cursor` fetches the page before it. */
export const ChatItemListQuerySchema = z.object({
  before: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ChatItemListSchema = z.object({ items: z.array(ChatItemSchema), before_cursor: z.string().nullable() });
export type ChatItemList = z.infer<typeof ChatItemListSchema>;

export const CreateChatItemRequestSchema = z.strictObject({
  text: multilineText(MAX_MESSAGE_CHARS).refine((t) => t.trim().length > 0, "Write something first."),
  /** The faces picked in the viewer that "this" in the message refers to. */
  faces: FaceReferencesSchema.optional(),
});
export const UpdateChatItemRequestSchema = z
  .strictObject({
    text: multilineText(MAX_MESSAGE_CHARS).refine((t) => t.trim().length > 0, "Write something first."),
    rating: RatingSchema.nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "Change the text or the rating.");
export const ChatItemResponseSchema = z.object({ item: ChatItemSchema });

export const RenderCodeRequestSchema = z.strictObject({
  code: multilineText(MAX_CODE_CHARS).refine((c) => c.trim().length > 0, "Write some build123d code first."),
  /** Values for the script's `# @param` constants, written into the code before it renders. */
  parameters: ParameterValuesSchema.optional(),
  parent_version_id: z.uuid().optional(),
  source: z.enum(["render", "edit", "parameters"]).default("render"),
  quality: RenderQualitySchema.default("normal"),
});
export type RenderCodeRequest = z.input<typeof RenderCodeRequestSchema>;
export const RenderCodeResponseSchema = z.object({ version: VersionSchema, item: ChatItemSchema });
export type RenderCodeResponse = z.infer<typeof RenderCodeResponseSchema>;
/** The code and parameters are what the chat's current version already is: nothing new is kept (200). */
export const RenderUnchangedResponseSchema = z.object({ unchanged: z.literal(true), version: VersionSchema });
export type RenderUnchangedResponse = z.infer<typeof RenderUnchangedResponseSchema>;
export const RenderCodeOutcomeSchema = z.union([RenderCodeResponseSchema, RenderUnchangedResponseSchema]);
export type RenderCodeOutcome = z.infer<typeof RenderCodeOutcomeSchema>;

/** A render the script itself failed: what the editor shows, and the line it highlights. */
export const RenderFailureDetailsSchema = z.object({
  type: z.string(),
  line: z.number().int().nullable(),
  traceback: z.string().nullable(),
});

export const VersionListSchema = z.object({ items: z.array(VersionSummarySchema) });
export const VersionResponseSchema = z.object({ version: VersionSchema });

export const ChatContextParamsSchema = z.object({ id: z.uuid("Not a valid id.") });
export const RestoreParamsSchema = z.object({ id: z.uuid("Not a valid id."), versionId: z.uuid("Not a valid id.") });
