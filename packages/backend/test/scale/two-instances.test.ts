import { RenderCodeResponseSchema, VersionResponseSchema } from "@chat3d/shared";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import yauzl from "yauzl";
import { cookieOf, tokenIn } from "../helpers/accounts.js";
import { PASSWORD, TestClient, uniqueEmail } from "../helpers/app.js";
import { createEmptyDatabase, type TestDatabase } from "../helpers/database.js";
import {
  boxDesigner,
  lastUserText,
  startFakeLlmServer,
  type FakeLlmServer,
  type FakeRequest,
} from "../helpers/fake-llm-server.js";
import { buildBackend, startBackendProcess, type BackendProcess } from "../helpers/processes.js";
import { startS3Server, type S3Bucket, type S3Server } from "../helpers/s3-server.js";
import { openStream } from "../helpers/sse-client.js";

// Scale-out across hosts: two API processes and one worker process, which share nothing but one PostgreSQL,
// one Redis and one S3-compatible bucket, as separate hosts would. Each API runs no jobs (RUN_WORKER=false,
// as in compose), so whatever a job does here, the worker did.

const renderUrl = inject("renderUrl");
const MB = 2 ** 20;
const SCRIPT = `from build123d import *

WIDTH = 30  # @param mm min=10 max=200 "Width"

root_part = Box(WIDTH, 20, 10)
`;

let s3: S3Server;
let bucket: S3Bucket;
let database: TestDatabase;
let llm: FakeLlmServer;
let mailDir: string;
let a: BackendProcess;
let b: BackendProcess;
let worker: BackendProcess;
const figures: Record<string, number> = {};
// An answer long enough to take seconds at the fake's pace: a cancel lands while the worker streams it.
const LONG_ANSWER = "A fillet rounds an edge. ".repeat(400);
const designer = (req: FakeRequest) => (/slowly/.test(lastUserText(req)) ? { text: LONG_ANSWER } : boxDesigner(req));

beforeAll(async () => {
  const started = performance.now();
  buildBackend();
  [s3, database, llm] = await Promise.all([
    startS3Server(),
    createEmptyDatabase(),
    startFakeLlmServer(designer, undefined, { wordDelayMs: 5 }),
  ]);
  bucket = await s3.bucket();
  mailDir = mkdtempSync(path.join(tmpdir(), "chat3d-scale-mail-"));
  const shared = {
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    REDIS_URL: process.env.TEST_REDIS_URL!,
    REDIS_KEY_PREFIX: `scale${randomBytes(4).toString("hex")}:`,
    // Every host signs and checks access tokens with the same secret.
    JWT_SECRET: randomBytes(48).toString("base64"),
    APP_BASE_URL: "http://app.test",
    ADMIN_EMAIL: "admin@example.test",
    ADMIN_PASSWORD: "admin-password-123",
    BUILD123D_URL: renderUrl,
    TRUST_PROXY_HOPS: "1",
    MAIL_CAPTURE_DIR: mailDir,
    OPENAI_API_KEY: "sk-fake-key-for-a-local-server",
    OPENAI_BASE_URL: `${llm.url}/v1`,
    OPENAI_MODELS: "fake-gpt",
    ...bucket.env,
  };
  // The first instance migrates; the others start against the migrated schema, as compose orders them.
  a = await startBackendProcess("server", { ...shared, RUN_WORKER: "false" });
  [b, worker] = await Promise.all([
    startBackendProcess("server", { ...shared, RUN_WORKER: "false", MIGRATE_ON_START: "false" }),
    startBackendProcess("worker", { ...shared, MIGRATE_ON_START: "false" }),
  ]);
  figures.start_ms = Math.round(performance.now() - started);
}, 240_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), worker?.stop()]);
  await Promise.all([s3?.stop(), llm?.close(), database?.drop()]);
  rmSync(mailDir, { recursive: true, force: true });
  console.info(JSON.stringify({ scale_out: figures }));
});

/** Someone registered on instance A; `on(b)` is the same person (same cookies) talking to instance B. */
async function person() {
  const onA = new TestClient(a.url!);
  const email = uniqueEmail("scale");
  expect((await onA.post("/api/auth/register", { email, password: PASSWORD })).status).toBe(202);
  const confirmed = await new TestClient(a.url!).post("/api/profile/actions/confirm", {
    token: await capturedToken(email, "email_confirm"),
  });
  expect(confirmed.status).toBe(200);
  const res = await onA.login(email, PASSWORD);
  const on = (instance: BackendProcess) => {
    const client = new TestClient(instance.url!, onA.ip);
    for (const [k, v] of onA.cookies) client.cookies.set(k, v);
    return client;
  };
  return { email, id: res.body.user.id as string, onA, onB: on(b), cookie: () => cookieOf(onA) };
}

/** A new chat made on A, and the owner's event stream on `instance`, ready. */
async function chatWatchedOn(instance: BackendProcess, someone: Awaited<ReturnType<typeof person>>) {
  const chat = (await someone.onA.post("/api/chat/contexts", {})).body.context.id as string;
  const stream = await openStream(instance.url!, { cookie: someone.cookie() });
  await stream.next((e) => e.event === "ready");
  return { chat, stream };
}

/** A question to the fake model, asked on A; its query's id. */
async function askOnA(someone: Awaited<ReturnType<typeof person>>, chat: string, query: string): Promise<string> {
  const asked = await someone.onA.post("/api/query", {
    chat_context_id: chat,
    query,
    conversation_model_id: "openai:fake-gpt",
    codegen_model_id: "openai:fake-gpt",
  });
  expect(asked.status).toBe(202);
  return asked.body.query.id as string;
}

/** The confirmation token of the mail the worker captured for `to` (no SMTP server is configured), of one kind. */
async function capturedToken(to: string, kind: "email_confirm" | "other" = "other"): Promise<string> {
  return vi.waitFor(
    async () => {
      for (const name of readdirSync(mailDir)) {
        const mail = await simpleParser(readFileSync(path.join(mailDir, name)));
        const ofKind = (mail.subject === "Confirm your email for Chat3D") === (kind === "email_confirm");
        if (ofKind && mail.text?.includes("/account/confirm#") && JSON.stringify(mail.to).includes(to)) {
          return tokenIn(mail);
        }
      }
      throw new Error(`no confirmation mail to ${to} yet`);
    },
    { timeout: 20_000, interval: 200 },
  );
}

function zipNames(zip: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, archive) => {
      if (err) return reject(err);
      const names: string[] = [];
      archive.on("entry", (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        archive.readEntry();
      });
      archive.on("end", () => resolve(names));
      archive.on("error", reject);
      archive.readEntry();
    }),
  );
}

async function fetchFile(instance: BackendProcess, cookie: string, fileId: string, range?: string) {
  const res = await fetch(`${instance.url}/api/files/${fileId}`, { headers: { cookie, ...(range && { range }) } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("two API instances and a worker, sharing PostgreSQL, Redis and S3", () => {
  it("when someone signs in on A, then B accepts the session, and a chat made on A reaches their stream on B", async () => {
    const someone = await person();
    expect((await someone.onB.get("/api/auth/me")).body.user).toMatchObject({ id: someone.id, email: someone.email });

    const stream = await openStream(b.url!, { cookie: someone.cookie() });
    await stream.next((e) => e.event === "ready");
    const t0 = performance.now();
    const chat = (await someone.onA.post("/api/chat/contexts", { name: "Made on A" })).body.context.id as string;
    const event = await stream.next((e) => e.event === "chat.context.updated" && e.data.context.id === chat);
    figures.fan_out_ms = Math.round(performance.now() - t0);
    expect(event.data.context.name).toBe("Made on A");
    expect(event.id).toMatch(/^\d+$/);
    stream.close();
  });

  it("when one address's wrong passwords are spread over both instances, then one shared counter blocks that address on either, and not the owner elsewhere", async () => {
    const { email } = await person();
    const guesser = "10.9.9.9";
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const instance = i % 2 ? b : a;
      statuses.push(
        (await new TestClient(instance.url!, guesser).post("/api/auth/login", { email, password: "wrong" })).status,
      );
    }
    // Each instance alone has counted only 5 of the 10 allowed: only a shared counter refuses the 11th.
    expect(statuses).toEqual(Array(10).fill(401));
    const blocked = await new TestClient(b.url!, guesser).post("/api/auth/login", { email, password: PASSWORD });
    expect([blocked.status, blocked.body.error.code]).toEqual([429, "rate_limited"]);
    expect((await new TestClient(a.url!, guesser).post("/api/auth/login", { email, password: PASSWORD })).status).toBe(
      429,
    );
    // The owner, from an address that has not failed, still signs in.
    expect((await new TestClient(a.url!).post("/api/auth/login", { email, password: PASSWORD })).status).toBe(200);
  });

  it("when a session is revoked or signed out on A, then B refuses its still-unexpired access token at once and ends its stream", async () => {
    const someone = await person();
    const laptop = new TestClient(b.url!);
    await laptop.login(someone.email, PASSWORD);
    const laptopCookie = cookieOf(laptop);
    const laptopStream = await openStream(b.url!, { cookie: laptopCookie });
    await laptopStream.next((e) => e.event === "ready");

    const sessions = (await someone.onA.get("/api/profile/sessions")).body.items as Array<{
      id: string;
      current: boolean;
    }>;
    const other = sessions.find((s) => !s.current)!;
    expect((await someone.onA.delete(`/api/profile/sessions/${other.id}`)).status).toBe(204);
    const t0 = performance.now();
    expect((await fetch(`${b.url}/api/auth/me`, { headers: { cookie: laptopCookie } })).status).toBe(401);
    figures.revocation_seen_ms = Math.round(performance.now() - t0);
    await laptopStream.ended;

    const phoneCookie = someone.cookie();
    expect((await someone.onA.post("/api/auth/logout")).status).toBe(204);
    expect((await fetch(`${b.url}/api/auth/me`, { headers: { cookie: phoneCookie } })).status).toBe(401);
  });

  it("when 25 MB are uploaded through A, then B serves them whole and by Range from the bucket, and a delete on B removes the object", async () => {
    const someone = await person();
    const stl = Buffer.alloc(84 + 50 * Math.floor((25 * MB - 84) / 50));
    randomBytes(stl.length - 84).copy(stl, 84);
    stl.writeUInt32LE((stl.length - 84) / 50, 80);
    const form = new FormData();
    form.append("file", new Blob([stl]), "bracket.stl");
    const t0 = performance.now();
    const res = await fetch(`${a.url}/api/files`, {
      method: "POST",
      headers: { cookie: someone.cookie() },
      body: form,
    });
    figures.upload_25mb_ms = Math.round(performance.now() - t0);
    expect(res.status).toBe(201);
    const { file } = (await res.json()) as { file: { id: string; sha256: string } };
    expect(await bucket.has(`upload/${file.id}.stl`)).toBe(true);

    const t1 = performance.now();
    const whole = await fetchFile(b, someone.cookie(), file.id);
    figures.download_25mb_ms = Math.round(performance.now() - t1);
    expect(whole.status).toBe(200);
    expect(createHash("sha256").update(whole.bytes).digest("hex")).toBe(file.sha256);
    const part = await fetchFile(b, someone.cookie(), file.id, "bytes=10000000-10999999");
    expect([part.status, part.headers.get("content-range")]).toEqual([206, `bytes 10000000-10999999/${stl.length}`]);
    expect(part.bytes.equals(stl.subarray(10_000_000, 11_000_000))).toBe(true);

    const stranger = await person();
    expect((await fetchFile(b, stranger.cookie(), file.id)).status).toBe(404);
    expect((await someone.onB.delete(`/api/files/${file.id}`)).status).toBe(204);
    await vi.waitFor(async () => expect(await bucket.has(`upload/${file.id}.stl`)).toBe(false), { timeout: 15_000 });
  });

  it("when code is rendered through A, then B serves the version's files, by Range too", async () => {
    const someone = await person();
    const chat = (await someone.onA.post("/api/chat/contexts", { name: "Block" })).body.context.id as string;
    const res = await someone.onA.post(`/api/chat/contexts/${chat}/render`, { code: SCRIPT });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { version } = RenderCodeResponseSchema.parse(res.body);
    const step = version.files.find((f) => f.role === "model" && f.format === "step")!;
    const whole = await fetchFile(b, someone.cookie(), step.file_id);
    expect(whole.bytes.toString("latin1", 0, 13)).toBe("ISO-10303-21;");
    const head = await fetchFile(b, someone.cookie(), step.file_id, "bytes=0-12");
    expect([head.status, head.bytes.toString("latin1")]).toEqual([206, "ISO-10303-21;"]);
    expect(await bucket.keys()).toEqual(expect.arrayContaining([`modelcreator/${version.id}.step`]));
  });

  it("when a question is asked on A, then the worker renders the answer, B's stream follows it, B serves its files, and deleting the chat on B removes them from the bucket", async () => {
    const someone = await person();
    const { chat, stream } = await chatWatchedOn(b, someone);
    const t0 = performance.now();
    await askOnA(someone, chat, "A block 40 x 20 x 10 mm");
    const done = await stream.next(
      (e) => e.event === "chat.query.state" && ["completed", "failed"].includes(e.data.state),
      90_000,
    );
    figures.query_ms = Math.round(performance.now() - t0);
    expect(done.data.state).toBe("completed");
    expect(stream.events.some((e) => e.event === "chat.answer.delta")).toBe(true);
    stream.close();

    const answer = (await someone.onB.get(`/api/chat/contexts/${chat}/items`)).body.items.at(-1);
    expect(answer).toMatchObject({ type: "3dmodel", state: "complete" });
    const { version } = VersionResponseSchema.parse(
      (await someone.onB.get(`/api/chat/versions/${answer.version.id}`)).body,
    );
    expect(version.metrics.bounding_box.size).toEqual([40, 20, 10]);
    const glb = version.files.find((f) => f.role === "model" && f.format === "glb")!;
    const model = await fetchFile(b, someone.cookie(), glb.file_id);
    expect(model.bytes.toString("latin1", 0, 4)).toBe("glTF");
    const keys = (
      await database.db.selectFrom("files").select("key").where("chat_context_id", "=", chat).execute()
    ).map((row) => row.key);
    expect(keys.length).toBe(version.files.length);
    for (const key of keys) expect(await bucket.has(key), key).toBe(true);

    expect((await someone.onB.delete(`/api/chat/contexts/${chat}`)).status).toBe(204);
    await vi.waitFor(async () => expect((await bucket.keys()).filter((k) => keys.includes(k))).toEqual([]), {
      timeout: 15_000,
    });
  });

  it("when a question asked on A is cancelled on B while the worker streams it, then the worker stops at once and the answer keeps what it had said", async () => {
    const someone = await person();
    const { chat, stream } = await chatWatchedOn(a, someone);
    const queryId = await askOnA(someone, chat, "Tell me slowly what a fillet is");
    await stream.next((e) => e.event === "chat.answer.delta", 30_000);
    const cancelled = await someone.onB.post(`/api/query/${queryId}/cancel`);
    expect([cancelled.status, cancelled.body.query.state]).toEqual([200, "cancelled"]);
    await stream.next((e) => e.event === "chat.query.state" && e.data.state === "cancelled", 10_000);

    // The worker (its own host) heard the cancel through the event log, stopped the stream and kept its words.
    const answer = await vi.waitFor(
      async () => {
        const last = (await someone.onA.get(`/api/chat/contexts/${chat}/items`)).body.items.at(-1);
        expect(last).toMatchObject({ state: "cancelled", text: expect.stringMatching(/^A fillet/) });
        return last as { text: string };
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(answer.text.length).toBeLessThan(LONG_ANSWER.length);
    expect((await someone.onB.get(`/api/query/${queryId}`)).body.query.state).toBe("cancelled");
    stream.close();
  });

  it("when a data export is asked for on A and confirmed on B, then the worker streams the zip into the bucket and A serves it", async () => {
    const someone = await person();
    const form = new FormData();
    form.append("file", new Blob([Buffer.from("solid part\nendsolid part\n")]), "part.stl");
    expect(
      (await fetch(`${a.url}/api/files`, { method: "POST", headers: { cookie: someone.cookie() }, body: form })).status,
    ).toBe(201);
    expect((await someone.onA.post("/api/profile/export-data/request")).status).toBe(202);
    const token = await capturedToken(someone.email);
    expect((await new TestClient(b.url!).post("/api/profile/actions/confirm", { token })).status).toBe(200);

    const ready = await vi.waitFor(
      async () => {
        const [item] = (await someone.onB.get("/api/profile/exports")).body.items as Array<{
          id: string;
          status: string;
        }>;
        expect(item?.status).toBe("ready");
        return item!;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(await bucket.has(`export/${ready.id}.zip`)).toBe(true);
    const res = await fetch(`${a.url}/api/profile/exports/${ready.id}`, { headers: { cookie: someone.cookie() } });
    expect(res.status).toBe(200);
    const names = await zipNames(Buffer.from(await res.arrayBuffer()));
    // The worker read the upload back out of the bucket to put it in the archive.
    expect(names).toEqual(expect.arrayContaining(["profile.json", "uploads/uploads.json", "uploads/part.stl"]));
  });
});
