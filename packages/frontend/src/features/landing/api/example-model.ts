import { ModelMetricsSchema, type ModelMetrics, type VersionFile } from "@chat3d/shared";
import example from "./bracket.json";

/** Rendered once by the real render service (`node scripts/landing-model.mjs`) from public/landing/bracket.py. */
const GLB_URL = `${import.meta.env.BASE_URL}landing/bracket.glb`;
const FILE_ID = "00000000-0000-4000-8000-00000000b123";

/** The angle bracket the landing page shows, in the shape the 3D viewer draws. */
export const exampleModel: { number: number; files: VersionFile[]; metrics: ModelMetrics } = {
  number: 1,
  files: [{ role: "model", format: "glb", file_id: FILE_ID, bytes: example.glb_bytes, name: "bracket.glb" }],
  metrics: ModelMetricsSchema.parse(example.metrics),
};

export const EXAMPLE_CODE_URL = `${import.meta.env.BASE_URL}landing/bracket.py`;

/** The viewer's way to fetch the example's only file: a static asset beside the app. */
export async function loadExampleFile(): Promise<ArrayBuffer> {
  const res = await fetch(GLB_URL);
  if (!res.ok) throw new Error(`The example model answered ${res.status}.`);
  return res.arrayBuffer();
}
