import { FileResponseSchema } from "@chat3d/shared";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { startS3Server, type S3Server } from "../helpers/s3-server.js";

/** Where a driver keeps the bytes, seen from outside the API. */
interface Backing {
  env: Record<string, string>;
  has(key: string): Promise<boolean>;
  /** Every key under `upload/`, half-written ones included. */
  uploads(): Promise<string[]>;
}

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3Server();
}, 180_000);
afterAll(() => s3?.stop());

const backings: Array<[string, () => Promise<Backing>]> = [
  [
    "local",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "chat3d-files-"));
      return {
        env: { STORAGE_DIR: dir },
        has: async (key) => existsSync(path.join(dir, key)),
        uploads: async () => (existsSync(path.join(dir, "upload")) ? readdirSync(path.join(dir, "upload")).sort() : []),
      };
    },
  ],
  [
    "s3",
    async () => {
      const bucket = await s3.bucket();
      return {
        env: bucket.env,
        has: (key) => bucket.has(key),
        uploads: async () => [
          ...(await bucket.keys()).filter((k) => k.startsWith("upload/")),
          ...Array.from({ length: await bucket.pendingUploads() }, () => "a multipart upload left open"),
        ],
      };
    },
  ],
];

/** A binary STL of `triangles` facets: its length is its own checksum, so the upload check can verify it. */
function binaryStl(triangles: number): Buffer {
  const stl = Buffer.alloc(84 + 50 * triangles);
  randomBytes(stl.length - 84).copy(stl, 84);
  stl.write("binary stl from the test", 0);
  stl.writeUInt32LE(triangles, 80);
  return stl;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]);

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe.each(backings)("files kept by the %s storage driver", (_driver, makeBacking) => {
  let app: TestApp;
  let backing: Backing;
  beforeAll(async () => {
    backing = await makeBacking();
    app = await startTestApp({ ...backing.env, UPLOAD_MAX_MB: "30" });
  });
  afterAll(() => app.stop());

  async function person() {
    const client = new TestClient(app.url);
    await signUp(app, client, { email: uniqueEmail("files"), password: PASSWORD }, { confirm: false });
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { client, cookie };
  }

  async function upload(cookie: string, name: string, bytes: Buffer) {
    const form = new FormData();
    form.append("file", new Blob([bytes]), name);
    const res = await fetch(`${app.url}/api/files`, { method: "POST", headers: { cookie }, body: form });
    return { status: res.status, body: (await res.json()) as any };
  }

  it("when 25 MB are uploaded, then they are stored by id and come back byte for byte with the same sha256", async () => {
    const { cookie } = await person();
    const stl = binaryStl(Math.floor((25 * 2 ** 20 - 84) / 50));
    const created = await upload(cookie, "bracket.stl", stl);
    expect(created.status).toBe(201);
    const { file } = FileResponseSchema.parse(created.body);
    expect(file).toMatchObject({ name: "bracket.stl", content_type: "model/stl", bytes: stl.length, area: "upload" });
    expect(file.sha256).toBe(sha256(stl));

    const download = await fetch(`${app.url}/api/files/${file.id}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="?bracket\.stl"?$/);
    expect(download.headers.get("etag")).toBe(`"${file.sha256}"`);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(file.sha256);
    const again = await fetch(`${app.url}/api/files/${file.id}`, {
      headers: { cookie, "if-none-match": `"${file.sha256}"` },
    });
    expect(again.status).toBe(304);
  });

  it("when a range is asked for, then 206 carries exactly those bytes, and a range past the end is 416", async () => {
    const { cookie } = await person();
    const { body } = await upload(cookie, "sketch.png", PNG);
    const part = await fetch(`${app.url}/api/files/${body.file.id}`, { headers: { cookie, range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${PNG.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(PNG.subarray(100, 200));
    const tail = await fetch(`${app.url}/api/files/${body.file.id}`, { headers: { cookie, range: "bytes=-8" } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(PNG.subarray(PNG.length - 8));
    const past = await fetch(`${app.url}/api/files/${body.file.id}`, {
      headers: { cookie, range: `bytes=${PNG.length + 10}-` },
    });
    expect([past.status, past.headers.get("content-range")]).toEqual([416, `bytes */${PNG.length}`]);
  });

  it("when a file name holds non-ASCII letters, then it is stored and downloaded as it was sent (UTF-8, not latin1)", async () => {
    const { cookie } = await person();
    const created = await upload(cookie, "café-Maße.png", PNG);
    expect([created.status, created.body.file.name]).toEqual([201, "café-Maße.png"]);
    const download = await fetch(`${app.url}/api/files/${created.body.file.id}`, { headers: { cookie } });
    expect(download.headers.get("content-disposition")).toContain("filename*=UTF-8''caf%C3%A9-Ma%C3%9Fe.png");
  });

  it("when the upload is over the limit, then it answers 413 and nothing of it stays in storage", async () => {
    const { cookie } = await person();
    const before = await app.server.container.db.selectFrom("files").select("id").execute();
    const stored = await backing.uploads();
    const res = await upload(cookie, "huge.stl", binaryStl(Math.ceil((31 * 2 ** 20) / 50)));
    expect([res.status, res.body.error.code]).toEqual([413, "payload_too_large"]);
    expect((await app.server.container.db.selectFrom("files").select("id").execute()).length).toBe(before.length);
    expect(await backing.uploads()).toEqual(stored);
  });

  it("when the extension is not allowed or the bytes do not match it, then it answers 415", async () => {
    const { cookie } = await person();
    expect((await upload(cookie, "script.exe", Buffer.from("MZ..."))).status).toBe(415);
    expect((await upload(cookie, "page.html", Buffer.from("<script>alert(1)</script>"))).status).toBe(415);
    const disguised = await upload(cookie, "photo.png", Buffer.from("<svg onload=alert(1)>"));
    expect([disguised.status, disguised.body.error.code]).toEqual([415, "unsupported_media_type"]);
    expect((await upload(cookie, "part.stl", Buffer.alloc(100, 1))).status).toBe(415);
  });

  it("when someone else asks for, or deletes, a file, then it answers 404; the owner deletes an upload and its bytes go", async () => {
    const owner = await person();
    const stranger = await person();
    const { body } = await upload(owner.cookie, "sketch.png", PNG);
    const id = body.file.id as string;
    expect((await fetch(`${app.url}/api/files/${id}`, { headers: { cookie: stranger.cookie } })).status).toBe(404);
    expect((await stranger.client.request("DELETE", `/api/files/${id}`)).status).toBe(404);
    expect((await new TestClient(app.url).get(`/api/files/${id}`)).status).toBe(401);
    expect((await owner.client.get("/api/files/not-an-id")).status).toBe(400);

    expect(await backing.has(`upload/${id}.png`)).toBe(true);
    expect((await owner.client.request("DELETE", `/api/files/${id}`)).status).toBe(204);
    expect((await owner.client.get(`/api/files/${id}`)).status).toBe(404);
    await vi.waitFor(async () => expect(await backing.has(`upload/${id}.png`)).toBe(false), { timeout: 10_000 });
  });

  it("when the body is not multipart or has no file field, then it answers 400", async () => {
    const { client, cookie } = await person();
    expect((await client.post("/api/files", { file: "x" })).status).toBe(400);
    const form = new FormData();
    form.append("other", new Blob([PNG]), "a.png");
    expect((await fetch(`${app.url}/api/files`, { method: "POST", headers: { cookie }, body: form })).status).toBe(400);
  });
});
