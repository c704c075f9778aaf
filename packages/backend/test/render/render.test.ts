import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  RenderRepository,
  RenderScriptError,
  RenderUnavailableError,
} from "../../src/repositories/render.repository.js";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { startRenderService, type RenderServiceProcess } from "../helpers/render-service.js";

const BOX = "from build123d import *\nroot_part = Box(10, 20, 30)\n";
// About half a second of pure computation: long enough for a second request to find the only worker busy.
const SLOW = "from build123d import *\nn = sum(i * i for i in range(5_000_000))\nroot_part = Box(10, 10, 10)\n";

let render: RenderServiceProcess;
let app: TestApp;
let storageDir: string;

beforeAll(async () => {
  render = await startRenderService({ BUILD123D_QUEUE_SIZE: "0", BUILD123D_RETRY_AFTER_S: "1" });
  storageDir = mkdtempSync(path.join(tmpdir(), "chat3d-storage-"));
  app = await startTestApp({ BUILD123D_URL: render.url, STORAGE_DIR: storageDir });
}, 180_000);
afterAll(async () => {
  await app.stop();
  await render.stop();
});

/** How many requests the service has turned away with 503, from its Prometheus metrics. */
async function busyCount(): Promise<number> {
  const text = await (await fetch(`${render.url}/metrics`)).text();
  return Number(text.match(/^build123d_jobs_total\{outcome="busy"\} (\S+)$/m)?.[1]);
}

async function userId() {
  const client = new TestClient(app.url);
  const res = await client.post("/api/auth/register", { email: uniqueEmail("maker"), password: PASSWORD });
  return { client, id: res.body.user.id as string };
}

describe("rendering through the real build123d service", () => {
  it("when a message's code renders, then every format and the code are stored under modelcreator/{messageId}", async () => {
    const { client, id } = await userId();
    const messageId = randomUUID();
    const model = await app.server.container.services.render.renderMessage(id, messageId, BOX);

    expect(model.metrics.volume).toBeCloseTo(6000, 3);
    expect(model.metrics.bounding_box.size).toEqual([10, 20, 30]);
    expect(model.files.map((f) => f.key).sort()).toEqual(
      ["3mf", "b123d", "glb", "step", "stl"].map((ext) => `modelcreator/${messageId}.${ext}`).sort(),
    );
    for (const file of model.files) {
      const bytes = readFileSync(path.join(storageDir, file.key));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
    }
    expect(readFileSync(path.join(storageDir, `modelcreator/${messageId}.b123d`), "utf8")).toBe(BOX);

    const download = await fetch(`${app.url}/api/files/modelcreator/${messageId}.stl`, {
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="?${messageId}\\.stl"?$`),
    );
    const stl = Buffer.from(await download.arrayBuffer());
    expect(stl.readUInt32LE(80)).toBe(model.metrics.triangles);
  });

  it("when someone else asks for the file, or the name is malformed, then it answers 404 or 400", async () => {
    const owner = await userId();
    const messageId = randomUUID();
    await app.server.container.services.render.renderMessage(owner.id, messageId, BOX);
    const stranger = await userId();
    expect((await stranger.client.get(`/api/files/modelcreator/${messageId}.step`)).status).toBe(404);
    expect((await owner.client.get(`/api/files/modelcreator/${messageId}.step`)).status).toBe(200);
    expect((await owner.client.get(`/api/files/modelcreator/..%2F..%2Fetc%2Fpasswd`)).status).toBe(400);
    expect((await new TestClient(app.url).get(`/api/files/modelcreator/${messageId}.step`)).status).toBe(401);

    const first = await owner.client.get(`/api/files/modelcreator/${messageId}.glb`);
    const etag = first.headers.get("etag")!;
    expect((await owner.client.get(`/api/files/modelcreator/${messageId}.glb`, { "if-none-match": etag })).status).toBe(
      304,
    );
  });

  it("when the script is wrong, then the error is typed with the user's line and nothing is stored", async () => {
    const { id } = await userId();
    const messageId = randomUUID();
    const error = await app.server.container.services.render
      .renderMessage(id, messageId, "from build123d import *\nx = 1\nroot_part = Box(1, 1)\n")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderScriptError);
    expect(error).toMatchObject({ type: "runtime", line: 3 });
    const rows = await app.database.db
      .selectFrom("files")
      .select("key")
      .where("key", "like", `modelcreator/${messageId}%`)
      .execute();
    expect(rows).toEqual([]);

    const syntax = await new RenderRepository(render.url).render("root_part = (", ["stl"]).catch((e: unknown) => e);
    expect(syntax).toMatchObject({ type: "syntax", line: 1 });
  });

  it("when the service is busy, then the client waits for Retry-After and both renders succeed", async () => {
    const busyBefore = await busyCount();
    const client = new RenderRepository(render.url, { busyRetries: 5 });
    const results = await Promise.all([client.render(SLOW, ["stl"]), client.render(SLOW, ["stl"])]);
    for (const r of results) expect(r.metrics.volume).toBeCloseTo(1000, 6);
    expect(await busyCount()).toBeGreaterThan(busyBefore);
  });

  it("when the service is busy for longer than the retries allow, then it is reported as unavailable", async () => {
    const impatient = new RenderRepository(render.url, { busyRetries: 0 });
    const outcomes = await Promise.allSettled([impatient.render(SLOW, ["stl"]), impatient.render(SLOW, ["stl"])]);
    const rejected = outcomes.filter((o) => o.status === "rejected") as PromiseRejectedResult[];
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected[0]!.reason).toBeInstanceOf(RenderUnavailableError);
  });

  it("when the service is down, then the client reports it unavailable without retrying", async () => {
    const error = await new RenderRepository("http://127.0.0.1:9").render(BOX, ["stl"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderUnavailableError);
  });
});
