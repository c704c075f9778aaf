import {
  CreatedShareResponseSchema,
  RenderCodeResponseSchema,
  SharedVersionResponseSchema,
  ShareListSchema,
  type Version,
} from "@chat3d/shared";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { TestClock } from "../helpers/clock.js";
import { openStream } from "../helpers/sse-client.js";

const BOX = `from build123d import *
root_part = Box(10, 20, 30)
`;

const renderUrl = inject("renderUrl");
const clock = new TestClock();
let app: TestApp;
let version: Version;
let owner: { client: TestClient; cookie: string };

async function person(display_name?: string) {
  const client = new TestClient(app.url);
  await signUp(app, client, { email: uniqueEmail("sharer"), password: PASSWORD, display_name });
  return { client, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
}

beforeAll(async () => {
  app = await startTestApp(
    { BUILD123D_URL: renderUrl, STORAGE_DIR: mkdtempSync(path.join(tmpdir(), "chat3d-shares-")) },
    { clock },
  );
  owner = await person("Ada Owner");
  const chat = (await owner.client.post("/api/chat/contexts", { name: "Bracket" })).body.context.id as string;
  const rendered = await owner.client.post(`/api/chat/contexts/${chat}/render`, { code: BOX });
  expect(rendered.status, JSON.stringify(rendered.body)).toBe(201);
  version = RenderCodeResponseSchema.parse(rendered.body).version;
}, 180_000);
afterAll(async () => {
  await app.stop();
});

async function share(body: Record<string, unknown>) {
  const res = await owner.client.post(`/api/chat/versions/${version.id}/shares`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const created = CreatedShareResponseSchema.parse(res.body).share;
  return { ...created, token: new URLSearchParams(new URL(created.url).hash.slice(1)).get("token")! };
}

const fileOf = (v: { files: Version["files"] }, format: string) =>
  v.files.find((f) => (f.role === "preview" ? `preview-${f.view}` : f.format) === format);

describe("share links", () => {
  it("when the owner shares a version, then anyone with the link sees its model and chosen downloads, not the rest", async () => {
    const created = await share({ include_code: false, formats: ["step"] });
    const url = new URL(created.url);
    expect([url.pathname, url.search, created.token.length]).toEqual(["/shared", "", 43]);
    expect(created).toMatchObject({ status: "active", chat_name: "Bracket", version_number: 1, expires_at: null });

    const stranger = new TestClient(app.url);
    const res = await stranger.get("/api/shared", { "x-chat3d-token": created.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { shared } = SharedVersionResponseSchema.parse(res.body);
    expect(shared).toMatchObject({ name: "Bracket", number: 1, code: null, downloads: ["step"] });
    // Who shared it and when, by the name they chose; never their email.
    expect(shared).toMatchObject({ owner_display_name: "Ada Owner", shared_at: created.created_at });
    expect(JSON.stringify(res.body)).not.toContain("@");
    expect(shared.metrics.bounding_box.size).toEqual([10, 20, 30]);
    expect(shared.files.map((f) => (f.role === "preview" ? `preview-${f.view}` : f.format)).sort()).toEqual(
      ["glb", "preview-front", "preview-iso", "preview-right", "preview-top", "step"].sort(),
    );

    const glb = await fetch(`${app.url}/api/shared/files/${fileOf(version, "glb")!.file_id}`, {
      headers: { "x-chat3d-token": created.token },
    });
    expect([glb.status, glb.headers.get("x-robots-tag")]).toEqual([200, "noindex, nofollow"]);
    expect(Buffer.from(await glb.arrayBuffer()).toString("latin1", 0, 4)).toBe("glTF");
    // The code and formats the owner left out are as absent as a file that does not exist.
    for (const format of ["b123d", "stl", "3mf"]) {
      const refused = await stranger.get(`/api/shared/files/${fileOf(version, format)!.file_id}`, {
        "x-chat3d-token": created.token,
      });
      expect(refused.status, format).toBe(404);
    }
  });

  it("when the code is included, then the link shows it and serves the script", async () => {
    const created = await share({ include_code: true, formats: ["stl", "3mf"], expires_in_days: 7 });
    const stranger = new TestClient(app.url);
    const { shared } = SharedVersionResponseSchema.parse(
      (await stranger.get("/api/shared", { "x-chat3d-token": created.token })).body,
    );
    expect([shared.code, shared.downloads]).toEqual([BOX, ["stl", "3mf"]]);
    expect(Date.parse(shared.expires_at!) - Date.parse(created.created_at)).toBe(7 * 86_400_000);
    const code = await stranger.get(`/api/shared/files/${fileOf(version, "b123d")!.file_id}`, {
      "x-chat3d-token": created.token,
    });
    expect([code.status, code.body]).toEqual([200, BOX]);
  });

  it("when the owner revokes a link, then it answers 404 like an unknown one, and the list says revoked", async () => {
    const stream = await openStream(app.url, { cookie: owner.cookie });
    await stream.next((e) => e.event === "ready");
    const created = await share({ include_code: false, formats: [] });
    expect((await stream.next((e) => e.event === "share.updated")).data.share).toMatchObject({
      id: created.id,
      status: "active",
    });
    const stranger = new TestClient(app.url);
    expect((await stranger.get("/api/shared", { "x-chat3d-token": created.token })).status).toBe(200);

    const revoked = await owner.client.delete(`/api/shares/${created.id}`);
    expect([revoked.status, revoked.body.share.status]).toEqual([200, "revoked"]);
    expect((await stream.next((e) => e.event === "share.updated")).data.share.status).toBe("revoked");
    stream.close();

    const gone = await stranger.get("/api/shared", { "x-chat3d-token": created.token });
    const unknown = await stranger.get("/api/shared", { "x-chat3d-token": "A".repeat(43) });
    expect([gone.status, gone.body.error]).toEqual([404, unknown.body.error]);
    const file = await stranger.get(`/api/shared/files/${fileOf(version, "glb")!.file_id}`, {
      "x-chat3d-token": created.token,
    });
    expect(file.status).toBe(404);
    const list = ShareListSchema.parse((await owner.client.get("/api/shares")).body);
    expect(list.items.find((s) => s.id === created.id)).toMatchObject({ status: "revoked" });
    expect(JSON.stringify(list)).not.toContain(created.token);
  });

  it("when a link's days are over, then it answers 404 and the list says expired", async () => {
    const created = await share({ include_code: false, formats: [], expires_in_days: 1 });
    const stranger = new TestClient(app.url);
    expect((await stranger.get("/api/shared", { "x-chat3d-token": created.token })).status).toBe(200);
    clock.advance({ days: 1, minutes: 1 });
    try {
      expect((await stranger.get("/api/shared", { "x-chat3d-token": created.token })).status).toBe(404);
      const list = ShareListSchema.parse((await owner.client.get("/api/shares")).body);
      expect(list.items.find((s) => s.id === created.id)?.status).toBe("expired");
    } finally {
      clock.reset();
    }
  });

  it("when someone else names my version or my share, then they get 404, and their list is empty", async () => {
    const created = await share({ include_code: false, formats: [] });
    const other = await person();
    const shareIt = await other.client.post(`/api/chat/versions/${version.id}/shares`, {
      include_code: true,
      formats: [],
    });
    expect(shareIt.status).toBe(404);
    expect((await other.client.delete(`/api/shares/${created.id}`)).status).toBe(404);
    expect((await other.client.get("/api/shares")).body).toEqual({ items: [] });
    expect((await new TestClient(app.url).get("/api/shares")).status).toBe(401);
  });

  it("when a request is malformed, then it is refused: no secret, a format the version lacks, too many days", async () => {
    expect((await new TestClient(app.url).get("/api/shared")).status).toBe(400);
    const base = `/api/chat/versions/${version.id}/shares`;
    const svg = await owner.client.post(base, { include_code: false, formats: ["svg"] });
    expect([svg.status, svg.body.error.details]).toEqual([400, { formats: ["This version has no SVG file."] }]);
    const days = await owner.client.post(base, { include_code: false, formats: [], expires_in_days: 400 });
    expect(days.status).toBe(400);
  });
});
