import { z } from "zod";

/** The kinds of B-rep face the render service reports, as build123d's GeomType names them. */
export const FaceTypeSchema = z.enum(["plane", "cylinder", "cone", "sphere", "torus", "bspline", "other"]);
export type FaceType = z.infer<typeof FaceTypeSchema>;
