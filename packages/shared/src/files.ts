import { z } from "zod";

/** Where a file came from: a person's upload, or a model version's output. */
export const FileAreaSchema = z.enum(["upload", "model"]);

export const StoredFileSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  content_type: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  area: FileAreaSchema,
  created_at: z.string(),
});
export type StoredFile = z.infer<typeof StoredFileSchema>;

export const FileResponseSchema = z.object({ file: StoredFileSchema });
export const FileIdParamsSchema = z.object({ id: z.uuid("Not a valid id.") });

/**
 * What can be uploaded, by extension, with the media type it is served as. The bytes are checked too: a
 * file whose content does not match its extension is refused (415).
 */
export const UPLOAD_TYPES = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  pdf: "application/pdf",
  step: "model/step",
  stp: "model/step",
  stl: "model/stl",
  "3mf": "model/3mf",
  glb: "model/gltf-binary",
  dxf: "image/vnd.dxf",
  py: "text/x-python",
  txt: "text/plain",
} as const;
export type UploadExtension = keyof typeof UPLOAD_TYPES;
