import { z } from "zod";
import { ModelFormatSchema, ModelMetricsSchema, ResultKindSchema, VersionFileSchema } from "./chat.js";
import { ParameterValuesSchema } from "./params.js";

/** active: the link opens the version; expired or revoked: it answers 404, as an unknown link does. */
export const ShareStatusSchema = z.enum(["active", "expired", "revoked"]);
export type ShareStatus = z.infer<typeof ShareStatusSchema>;

/** A read-only link to one version, as its owner sees it. The link itself is shown once, when it is made. */
export const ShareSchema = z.object({
  id: z.uuid(),
  version_id: z.uuid(),
  chat_context_id: z.uuid(),
  chat_name: z.string(),
  version_number: z.number().int(),
  include_code: z.boolean(),
  /** The downloads the page offers. */
  formats: z.array(ModelFormatSchema),
  status: ShareStatusSchema,
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
});
export type Share = z.infer<typeof ShareSchema>;

/** Made just now: with its link, whose secret rides in the fragment (never sent to a server, decision 0004). */
export const CreatedShareSchema = ShareSchema.extend({ url: z.string() });
export type CreatedShare = z.infer<typeof CreatedShareSchema>;

export const MAX_SHARE_DAYS = 365;

export const CreateShareRequestSchema = z.strictObject({
  /** Absent or null: the link works until it is revoked. */
  expires_in_days: z
    .number()
    .int("Use whole days.")
    .min(1, "At least one day.")
    .max(MAX_SHARE_DAYS, `At most ${MAX_SHARE_DAYS} days.`)
    .nullish(),
  include_code: z.boolean(),
  formats: z
    .array(ModelFormatSchema)
    .max(ModelFormatSchema.options.length)
    .refine((formats) => new Set(formats).size === formats.length, "Each format only once."),
});
export type CreateShareRequest = z.input<typeof CreateShareRequestSchema>;

export const CreatedShareResponseSchema = z.object({ share: CreatedShareSchema });
export const ShareResponseSchema = z.object({ share: ShareSchema });
export const ShareListSchema = z.object({ items: z.array(ShareSchema) });
export type ShareList = z.infer<typeof ShareListSchema>;

export const VersionIdParamsSchema = z.object({ id: z.uuid("Not a valid id.") });
export const SharedFileParamsSchema = z.object({ fileId: z.uuid("Not a valid id.") });

/**
 * What a share link shows to anyone who holds it: the version's geometry, the files the viewer draws, the
 * downloads the owner chose and, if they chose so, the code. Of the owner only the name they chose to show;
 * nothing of the rest of the chat.
 */
export const SharedVersionSchema = z.object({
  name: z.string(),
  number: z.number().int(),
  kind: ResultKindSchema,
  created_at: z.string(),
  metrics: ModelMetricsSchema,
  parameters: ParameterValuesSchema,
  /** null when the owner left the code out. */
  code: z.string().nullable(),
  /** Every file the page may fetch from `/api/shared/files/:fileId`: the viewer's, the previews and downloads. */
  files: z.array(VersionFileSchema),
  downloads: z.array(ModelFormatSchema),
  expires_at: z.string().nullable(),
  /** The owner's display name; null when they set none (their email is never shown). */
  owner_display_name: z.string().nullable(),
  /** When the owner made the link. */
  shared_at: z.string(),
});
export type SharedVersion = z.infer<typeof SharedVersionSchema>;
export const SharedVersionResponseSchema = z.object({ shared: SharedVersionSchema });
