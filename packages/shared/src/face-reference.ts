import { z } from "zod";
import { FaceTypeSchema } from "./geometry.js";

// Three numbers as a fixed-length array rather than a tuple: the tuple's JSON Schema (prefixItems inside a
// nullable anyOf) is one that OpenAPI tooling such as schemathesis misreads.
const Vec3 = z.array(z.number()).length(3);

/**
 * A face a person pointed at in the viewer, sent with their next message so the model knows which face
 * "this" is. Millimetres, Z up; `index` is build123d's `root_part.faces()[index]` of that version.
 */
export const FaceReferenceSchema = z.object({
  version_id: z.uuid(),
  index: z.number().int().min(0),
  type: FaceTypeSchema,
  center: Vec3,
  /** Planes: the outward normal. */
  normal: Vec3.nullable(),
  /** Cylinders, cones, tori: the axis direction; with `radius`. */
  axis: Vec3.nullable(),
  radius: z.number().nullable(),
  /** The face's extent in its own plane (planes) or its bounding box, largest first. */
  size: z.array(z.number()).max(3),
  area: z.number(),
  /** What the chip says, e.g. "top face, plane, 40×20 mm". */
  label: z.string().max(200),
});
export type FaceReference = z.infer<typeof FaceReferenceSchema>;
export const MAX_FACE_REFERENCES = 20;
export const FaceReferencesSchema = z.array(FaceReferenceSchema).max(MAX_FACE_REFERENCES);
