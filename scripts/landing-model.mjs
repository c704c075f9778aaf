// Renders the landing page's example part (public/landing/bracket.py) with the real render service, once:
//   BUILD123D_URL=http://127.0.0.1:30222 node scripts/landing-model.mjs
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const frontend = path.join(import.meta.dirname, "../packages/frontend");
const dir = path.join(frontend, "public/landing");
const base = process.env.BUILD123D_URL ?? "http://127.0.0.1:30222";
const code = await readFile(path.join(dir, "bracket.py"), "utf8");
const res = await fetch(new URL("/render/", base), {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ code, formats: ["glb"], previews: { views: [] } }),
});
const body = await res.json();
if (!res.ok) throw new Error(`The render service answered ${res.status}: ${JSON.stringify(body.error)}`);
const glb = Buffer.from(body.files.glb.base64, "base64");
await writeFile(path.join(dir, "bracket.glb"), glb);
// The metrics ship inside the page's code (the viewer frames and labels the part with them); the GLB is fetched.
await writeFile(
  path.join(frontend, "src/features/landing/api/bracket.json"),
  `${JSON.stringify({ glb_bytes: glb.length, metrics: body.metrics })}\n`,
);
console.log(
  JSON.stringify({ glb_bytes: glb.length, faces: body.metrics.face_count, size: body.metrics.bounding_box.size }),
);
