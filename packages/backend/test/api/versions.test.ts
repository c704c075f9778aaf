import {
  RenderCodeResponseSchema,
  RenderUnchangedResponseSchema,
  VersionListSchema,
  VersionResponseSchema,
  type Version,
} from "@chat3d/shared";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { openStream } from "../helpers/sse-client.js";

const SCRIPT = `from build123d import *

WIDTH = 40  # @param mm min=10 max=200 "Width"
DEPTH = 20  # @param mm min=5 max=100 "Depth"
ROUNDED = False  # @param "Round the vertical edges"

with BuildPart() as block:
    Box(WIDTH, DEPTH, 10)
    if ROUNDED:
        fillet(block.edges().filter_by(Axis.Z), radius=2)
root_part = block.part
`;
const WASHER = `from build123d import *
with BuildSketch() as washer:
    Circle(10)
    Circle(4.2, mode=Mode.SUBTRACT)
root_part = washer.sketch
`;

const renderUrl = inject("renderUrl");
let app: TestApp;
let storageDir: string;
beforeAll(async () => {
  storageDir = mkdtempSync(path.join(tmpdir(), "chat3d-versions-"));
  app = await startTestApp({ BUILD123D_URL: renderUrl, STORAGE_DIR: storageDir });
}, 180_000);
afterAll(async () => {
  await app.stop();
});

async function person() {
  const client = new TestClient(app.url);
  await signUp(app, client, { email: uniqueEmail("maker"), password: PASSWORD }, { confirm: false });
  const chat = (await client.post("/api/chat/contexts", { name: "Test block" })).body.context.id as string;
  return { client, chat, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
}

async function renderCode(client: TestClient, chat: string, body: Record<string, unknown>) {
  const res = await client.post(`/api/chat/contexts/${chat}/render`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return RenderCodeResponseSchema.parse(res.body);
}

async function download(cookie: string, fileId: string) {
  const res = await fetch(`${app.url}/api/files/${fileId}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return { bytes: Buffer.from(await res.arrayBuffer()), disposition: res.headers.get("content-disposition") };
}

const fileOf = (version: Version, format: string) =>
  version.files.find((f) => (f.role === "preview" ? `preview-${f.view}` : f.format) === format)!;

describe("model versions from pasted code", () => {
  it("when code renders, then a version keeps every format, the code and four previews, and each download parses", async () => {
    const { client, chat, cookie } = await person();
    const { version, item } = await renderCode(client, chat, { code: SCRIPT });
    expect(version).toMatchObject({ number: 1, source: "render", kind: "solid", parent_version_id: null });
    expect(version.parameters).toEqual({ WIDTH: 40, DEPTH: 20, ROUNDED: false });
    expect(version.metrics.bounding_box.size).toEqual([40, 20, 10]);
    expect(item).toMatchObject({ type: "3dmodel", version: { id: version.id, number: 1, size: [40, 20, 10] } });
    // The summary carries the extents, so a chat's thumbnails can share one scale.
    expect(version.size).toEqual([40, 20, 10]);
    expect(version.thumbnail_file_id).toBe(fileOf(version, "preview-iso").file_id);

    const step = await download(cookie, fileOf(version, "step").file_id);
    expect(step.bytes.toString("latin1", 0, 13)).toBe("ISO-10303-21;");
    expect(step.disposition).toMatch(/test-block-v1\.step/);
    const stl = (await download(cookie, fileOf(version, "stl").file_id)).bytes;
    expect(stl.length).toBe(84 + 50 * stl.readUInt32LE(80));
    const threeMf = (await download(cookie, fileOf(version, "3mf").file_id)).bytes;
    expect(threeMf.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(threeMf.includes(Buffer.from("3D/3dmodel.model"))).toBe(true);
    const glb = (await download(cookie, fileOf(version, "glb").file_id)).bytes;
    expect([glb.toString("latin1", 0, 4), glb.readUInt32LE(4), glb.readUInt32LE(8)]).toEqual(["glTF", 2, glb.length]);
    expect((await download(cookie, fileOf(version, "b123d").file_id)).bytes.toString("utf8")).toBe(SCRIPT);
    const png = (await download(cookie, fileOf(version, "preview-iso").file_id)).bytes;
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("when parameter values are sent, then they are written into the code and the result, within their bounds", async () => {
    const { client, chat } = await person();
    const first = await renderCode(client, chat, { code: SCRIPT });
    const { version } = await renderCode(client, chat, {
      code: SCRIPT,
      parameters: { WIDTH: 55, ROUNDED: true },
      source: "parameters",
      parent_version_id: first.version.id,
    });
    expect(version).toMatchObject({ number: 2, source: "parameters", parent_version_id: first.version.id });
    expect(version.parameters).toEqual({ WIDTH: 55, DEPTH: 20, ROUNDED: true });
    expect(version.code).toContain('WIDTH = 55  # @param mm min=10 max=200 "Width"');
    expect(version.metrics.bounding_box.size[0]).toBeCloseTo(55, 6);

    const refused = await client.post(`/api/chat/contexts/${chat}/render`, {
      code: SCRIPT,
      parameters: { WIDTH: 5000, NOPE: 1 },
    });
    expect([refused.status, refused.body.error.details]).toEqual([
      400,
      {
        "parameters.WIDTH": ["Use a value from 10 to 200."],
        "parameters.NOPE": ["This script has no such parameter."],
      },
    ]);
  });

  it("when the code and parameters are what the current version is, then no version is kept and the answer names it", async () => {
    const { client, chat } = await person();
    const first = await renderCode(client, chat, { code: SCRIPT });
    const same = await client.post(`/api/chat/contexts/${chat}/render`, { code: SCRIPT, source: "edit" });
    expect(same.status).toBe(200);
    expect(RenderUnchangedResponseSchema.parse(same.body)).toMatchObject({
      unchanged: true,
      version: { id: first.version.id, number: 1 },
    });
    // A slider set back to the value the current version has is the same code too.
    const moved = await renderCode(client, chat, { code: SCRIPT, parameters: { WIDTH: 41 }, source: "parameters" });
    const back = await client.post(`/api/chat/contexts/${chat}/render`, {
      code: SCRIPT,
      parameters: { WIDTH: 41 },
      source: "parameters",
    });
    expect([back.status, back.body.version.id]).toEqual([200, moved.version.id]);
    // The same code as an older version, though, is a change from the current one.
    expect((await renderCode(client, chat, { code: SCRIPT })).version.number).toBe(3);
    expect(VersionListSchema.parse((await client.get(`/api/chat/contexts/${chat}/versions`)).body).items).toHaveLength(
      3,
    );
  });

  it("when the script fails, then the answer is 422 with its type and line, and no version is kept", async () => {
    const { client, chat } = await person();
    const res = await client.post(`/api/chat/contexts/${chat}/render`, {
      code: "from build123d import *\n\nroot_part = Box(1, 2)\n",
    });
    expect([res.status, res.body.error.code, res.body.error.details.type, res.body.error.details.line]).toEqual([
      422,
      "render_failed",
      "runtime",
      3,
    ]);
    expect(VersionListSchema.parse((await client.get(`/api/chat/contexts/${chat}/versions`)).body).items).toEqual([]);
  });

  it("when code is rendered through the chat, then the service ends it at its interactive wall clock", async () => {
    const { client, chat } = await person();
    // Sleeping costs no CPU, so only a wall clock ends it: the service's interactive one (20 s), not the batch 60 s.
    const res = await client.post(`/api/chat/contexts/${chat}/render`, { code: "import time\ntime.sleep(600)\n" });
    expect([res.status, res.body.error.details.type]).toEqual([422, "timeout"]);
    expect(res.body.error.message).toContain("longer than 20s");
  }, 60_000);

  it("when an old version is restored, then a new version brings back its code and files and points at it", async () => {
    const { client, chat, cookie } = await person();
    const stream = await openStream(app.url, { cookie });
    await stream.next((e) => e.event === "ready");
    const first = await renderCode(client, chat, { code: SCRIPT });
    const second = await renderCode(client, chat, { code: SCRIPT, parameters: { DEPTH: 30 } });
    const restored = await client.post(`/api/chat/contexts/${chat}/versions/${first.version.id}/restore`);
    expect(restored.status).toBe(201);
    const { version } = RenderCodeResponseSchema.parse(restored.body);
    expect(version).toMatchObject({
      number: 3,
      source: "restore",
      restored_from_version_id: first.version.id,
      parent_version_id: second.version.id,
      code: first.version.code,
    });
    expect(version.files.map((f) => f.file_id).sort()).toEqual(first.version.files.map((f) => f.file_id).sort());
    const context = (await client.get(`/api/chat/contexts/${chat}`)).body.context;
    expect(context.current_version).toMatchObject({ id: version.id, size: [40, 20, 10] });
    const created = await stream.next((e) => e.event === "chat.version.created" && e.data.version.number === 3);
    expect(created.data.version).toMatchObject({ restored_from_version_id: first.version.id, size: [40, 20, 10] });
    stream.close();

    const list = VersionListSchema.parse((await client.get(`/api/chat/contexts/${chat}/versions`)).body).items;
    expect(list.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(list.map((v) => v.size)).toEqual([
      [40, 20, 10],
      [40, 30, 10],
      [40, 20, 10],
    ]);
    const fetched = VersionResponseSchema.parse((await client.get(`/api/chat/versions/${first.version.id}`)).body);
    expect(fetched.version.id).toBe(first.version.id);
    // Versions never change: even the database refuses.
    await expect(
      sql`UPDATE chat_versions SET code = 'x' WHERE id = ${first.version.id}`.execute(app.server.container.db),
    ).rejects.toThrow(/immutable/);
  });

  it("when a sketch renders, then it is a 2D version with SVG and DXF, its area and perimeter", async () => {
    const { client, chat, cookie } = await person();
    const { version } = await renderCode(client, chat, { code: WASHER });
    expect(version.kind).toBe("2d");
    expect(
      version.files
        .filter((f) => f.role === "model")
        .map((f) => f.format)
        .sort(),
    ).toEqual(["dxf", "svg"]);
    expect(version.metrics.area).toBeCloseTo(Math.PI * (100 - 4.2 ** 2), 3);
    const svg = (await download(cookie, fileOf(version, "svg").file_id)).bytes.toString("utf8");
    expect(svg).toMatch(/<svg[\s\S]*<path/);
  });

  it("when a chat with versions is deleted, then its rows go and its files are removed from disk", async () => {
    const { client, chat } = await person();
    const { version } = await renderCode(client, chat, { code: SCRIPT });
    const keys = (
      await app.server.container.db.selectFrom("files").select("key").where("chat_context_id", "=", chat).execute()
    ).map((r) => r.key);
    expect(keys.length).toBe(version.files.length);
    for (const key of keys) expect(existsSync(path.join(storageDir, key))).toBe(true);

    expect((await client.request("DELETE", `/api/chat/contexts/${chat}`)).status).toBe(204);
    expect((await client.get(`/api/chat/versions/${version.id}`)).status).toBe(404);
    await vi.waitFor(() => expect(keys.filter((key) => existsSync(path.join(storageDir, key)))).toEqual([]), {
      timeout: 15_000,
    });
    const left = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM chat_versions WHERE chat_context_id = ${chat}`.execute(app.server.container.db);
    expect(left.rows[0]!.n).toBe("0");
  });

  it("when someone else asks for a version or its files, then it answers 404", async () => {
    const owner = await person();
    const stranger = await person();
    const { version } = await renderCode(owner.client, owner.chat, { code: SCRIPT });
    expect((await stranger.client.get(`/api/chat/versions/${version.id}`)).status).toBe(404);
    expect(
      (await fetch(`${app.url}/api/files/${fileOf(version, "stl").file_id}`, { headers: { cookie: stranger.cookie } }))
        .status,
    ).toBe(404);
    expect(
      (await stranger.client.post(`/api/chat/contexts/${stranger.chat}/versions/${version.id}/restore`)).status,
    ).toBe(404);
    expect(
      (
        await stranger.client.post(`/api/chat/contexts/${stranger.chat}/render`, {
          code: SCRIPT,
          parent_version_id: version.id,
        })
      ).status,
    ).toBe(404);
    expect((await owner.client.request("DELETE", `/api/files/${fileOf(version, "stl").file_id}`)).status).toBe(409);
  });
});
