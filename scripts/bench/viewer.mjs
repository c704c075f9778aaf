// bench:viewer — the 3D viewer in headless Chromium (WebGL in software, SwiftShader): per bench model, the
// time from navigation to the first rendered frame, frames per second while orbiting, and the render
// service's GLB size against its binary STL. The models are rendered by the real service and opened through
// a share link, so the page is the one a person sees and nobody has to sign in in the browser.
// One JSON line per model, the summary last.
//   --orbit-s N seconds of orbiting per model (default 5)  --deadline-s N (default 600)
//   --smoke: the small model only, a short orbit, for the test suite
// The functions handed to page.waitForFunction and evaluate run in the browser.
/* global document, requestAnimationFrame */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { args, benchDatabase, deadline, dist, emit, root, seedPeople, startApi } from "./harness.mjs";

const opts = args({ "orbit-s": 5, "deadline-s": 600 }, { "orbit-s": 1, "deadline-s": 200 });
const state = deadline("bench:viewer", opts["deadline-s"]);

// Spheres side by side: one curved face each, so the triangle count follows the grid and the quality.
const spheres = (n) => `from build123d import *

N = ${n}
root_part = Compound([Pos((x - (N - 1) / 2) * 10, (y - (N - 1) / 2) * 10, 0) * Sphere(4) for x in range(N) for y in range(N)])
`;
const MODELS = [
  { name: "10k", code: spheres(2), quality: "normal" },
  { name: "200k", code: spheres(7), quality: "fine" },
];
const models = opts.smoke ? MODELS.slice(0, 1) : MODELS;

state.phase = "build";
execFileSync(process.execPath, [path.join(root, "scripts/lib/build-if-stale.mjs")], { stdio: ["ignore", 2, 2] });

state.phase = "start";
const { startLocalRenderService } = await dist("lib/local-render-service.js");
const render = await startLocalRenderService();
const database = await benchDatabase();
const storage = mkdtempSync(path.join(tmpdir(), "chat3d-bench-viewer-"));
const secret = randomBytes(32).toString("hex");
const api = await startApi(state, {
  databaseUrl: database.url,
  secret,
  env: {
    BUILD123D_URL: render.url,
    WEB_DIST_DIR: path.join(root, "packages/frontend/dist"),
    STORAGE_DIR: storage,
    APP_BASE_URL: "http://bench.invalid",
  },
});
const base = `http://127.0.0.1:${api.port}`;
const [person] = await seedPeople(database.db, secret, 1);
const call = async (method, url, body) => {
  const res = await fetch(base + url, {
    method,
    headers: { authorization: `Bearer ${person.token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--no-first-run",
  ],
});

const results = {};
try {
  const { context } = await call("POST", "/api/chat/contexts", { name: "Viewer bench" });
  for (const model of models) {
    state.phase = `render ${model.name}`;
    const { version } = await call("POST", `/api/chat/contexts/${context.id}/render`, {
      code: model.code,
      quality: model.quality,
    });
    const bytes = (format) => version.files.find((f) => f.role === "model" && f.format === format).bytes;
    const { share } = await call("POST", `/api/chat/versions/${version.id}/shares`, {
      include_code: false,
      formats: [],
    });

    state.phase = `open ${model.name}`;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(share.url.replace(/^https?:\/\/[^/]+/, base));
    const viewer = page.locator("[data-slot=model-viewer]");
    await viewer.waitFor({ timeout: 120_000 });
    // performance.now() counts from the navigation's start.
    const firstFrame = await page.waitForFunction(
      () => document.querySelector("[data-slot=model-viewer]")?.chat3dViewer?.()?.firstFrameAt() ?? null,
      null,
      { timeout: 120_000, polling: 50 },
    );
    const firstFrameMs = await firstFrame.jsonValue();

    state.phase = `orbit ${model.name}`;
    const orbit = await viewer.evaluate(
      (el, seconds) =>
        new Promise((resolve) => {
          const viewerApi = el.chat3dViewer();
          const startFrames = viewerApi.frames();
          const start = performance.now();
          const step = () => {
            const elapsed = performance.now() - start;
            if (elapsed >= seconds * 1000) {
              resolve({
                frames: viewerApi.frames() - startFrames,
                seconds: elapsed / 1000,
                triangles: viewerApi.triangles,
              });
              return;
            }
            viewerApi.orbit(0.03);
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        }),
      opts["orbit-s"],
    );
    await page.close();

    const line = {
      model: model.name,
      quality: model.quality,
      triangles: orbit.triangles,
      first_frame_ms: Math.round(firstFrameMs),
      orbit_fps: +(orbit.frames / orbit.seconds).toFixed(1),
      glb_bytes: bytes("glb"),
      stl_bytes: bytes("stl"),
      glb_to_stl: +(bytes("glb") / bytes("stl")).toFixed(3),
    };
    emit(line);
    results[model.name] = line;
  }
  const lines = Object.values(results);
  emit({
    summary: "bench:viewer",
    renderer: "swiftshader",
    ...Object.fromEntries(
      lines.flatMap((l) => [
        [`first_frame_ms_${l.model}`, l.first_frame_ms],
        [`orbit_fps_${l.model}`, l.orbit_fps],
      ]),
    ),
    max_glb_to_stl: Math.max(...lines.map((l) => l.glb_to_stl)),
    glb_to_stl_goal: 0.5,
  });
} catch (error) {
  emit({ summary: "bench:viewer", error: `${error.message} (in ${state.phase})` });
  process.exitCode = 1;
} finally {
  await browser.close();
  api.child.kill("SIGTERM");
  await render.stop();
  await database.drop();
  rmSync(storage, { recursive: true, force: true });
}
