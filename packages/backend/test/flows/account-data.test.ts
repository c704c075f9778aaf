import { DataExportListSchema } from "@chat3d/shared";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepAccounts } from "../../src/accounts-sweep.js";
import { ADMIN, PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { cookieOf, eventually, member, nextToken, type Member, signUp } from "../helpers/accounts.js";
import { TestClock } from "../helpers/clock.js";
import { testConfig } from "../helpers/config.js";
import { seedModelVersions } from "../helpers/seed-chat.js";
import { linkIn, startSmtp, type SmtpSink } from "../helpers/smtp.js";

let smtp: SmtpSink;
let app: TestApp;
let storageDir: string;
const clock = new TestClock();

beforeAll(async () => {
  smtp = await startSmtp();
  storageDir = mkdtempSync(path.join(tmpdir(), "chat3d-lifecycle-"));
  app = await startTestApp(
    { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), STORAGE_DIR: storageDir },
    { clock },
  );
});
afterAll(async () => {
  await app.stop();
  await smtp.stop();
});

const confirm = (token: string) => new TestClient(app.url).post("/api/profile/actions/confirm", { token });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(600, 7)]);

async function upload(client: TestClient, name: string, bytes: Buffer) {
  const form = new FormData();
  form.append("file", new Blob([bytes]), name);
  const res = await fetch(`${app.url}/api/files`, {
    method: "POST",
    headers: { cookie: cookieOf(client) },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { file: { id: string } }).file;
}

/** A person with everything an account can hold: chats, messages, versions with files, an upload, an invitation, a notification. */
async function fullAccount(tag: string, versions = 3) {
  const person = await member(app, tag);
  const { client, id } = person;
  const bracket = (await client.post("/api/chat/contexts", { name: "Wall bracket" })).body.context.id as string;
  await client.post(`/api/chat/contexts/${bracket}/items`, { text: "A bracket, 40 mm wide" });
  const seeded = await seedModelVersions(app, storageDir, { ownerId: id, chatId: bracket, versions });
  await client.post(`/api/chat/contexts/${bracket}/items`, { text: "Now with a hole\nof 5 mm" });
  const empty = (await client.post("/api/chat/contexts", { name: "Ideas" })).body.context.id as string;
  const uploaded = await upload(client, "sketch.png", PNG);
  const invitee = uniqueEmail("friend");
  expect((await client.post("/api/invitations", { emails: [invitee] })).status).toBe(201);
  await client.post("/api/profile/password", { current_password: PASSWORD, new_password: PASSWORD + "-2" });
  await client.post("/api/profile/password", { current_password: PASSWORD + "-2", new_password: PASSWORD });
  return { ...person, bracket, empty, seeded, uploaded, invitee };
}

function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

async function download(client: TestClient, id: string) {
  const res = await fetch(`${app.url}/api/profile/exports/${id}`, { headers: { cookie: cookieOf(client) } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function exportFor(person: Member) {
  expect((await person.client.post("/api/profile/export-data/request")).status).toBe(202);
  const token = await nextToken(smtp, person.email);
  expect((await confirm(token)).body.action.action_type).toBe("data_export");
  const ready = await smtp.take(person.email);
  expect(ready.subject).toBe("Your Chat3D data export is ready");
  expect(linkIn(ready, "/profile/data").url.hash).toBe("");
  const list = DataExportListSchema.parse((await person.client.get("/api/profile/exports")).body);
  expect(list.items[0]).toMatchObject({ status: "ready" });
  return list.items[0]!;
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const jsonOf = (entries: Map<string, Buffer>, name: string) => JSON.parse(entries.get(name)!.toString("utf8"));

describe("data export", () => {
  it("when a person exports their data, then the zip holds their profile, chats, every message and version with its code and files, uploads, invitations and notifications", async () => {
    const person = await fullAccount("exporter");
    const done = await exportFor(person);

    const zip = await download(person.client, done.id);
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.headers.get("content-disposition")).toMatch(
      /^attachment; filename="?chat3d-export-\d{4}-\d\d-\d\d\.zip"?$/,
    );
    expect(zip.body.length).toBe(done.bytes);
    const entries = await unzip(zip.body);

    const versionNames = person.seeded.flatMap((v) => {
      const dir = `chats/001-wall-bracket/versions/v${String(v.number).padStart(3, "0")}`;
      return [`${dir}/version.json`, `${dir}/code.py`, ...Object.keys(v.files).map((n) => `${dir}/files/${n}`)];
    });
    expect([...entries.keys()].sort()).toEqual(
      [
        "profile.json",
        "chats/001-wall-bracket/chat.json",
        "chats/001-wall-bracket/messages.json",
        ...versionNames,
        "chats/002-ideas/chat.json",
        "chats/002-ideas/messages.json",
        "uploads/sketch.png",
        "uploads/uploads.json",
        "invitations.json",
        "notifications.json",
        "README.txt",
      ].sort(),
    );

    const readme = entries.get("README.txt")!.toString("utf8");
    expect(readme).toContain("Chat3D data export");
    expect(readme).toContain(`Account: ${person.email}`);
    for (const part of ["profile.json", "chats/NNN-name/", "messages.json", "versions/vNNN/", "code.py", "uploads/"]) {
      expect(readme).toContain(part);
    }
    expect(jsonOf(entries, "profile.json")).toMatchObject({ id: person.id, email: person.email, status: "active" });

    expect(jsonOf(entries, "chats/001-wall-bracket/chat.json")).toMatchObject({
      id: person.bracket,
      name: "Wall bracket",
      current_version_number: 3,
    });
    const messages = jsonOf(entries, "chats/001-wall-bracket/messages.json");
    expect(messages.map((m: { type: string; role: string }) => `${m.role}:${m.type}`)).toEqual([
      "user:message",
      "assistant:3dmodel",
      "assistant:3dmodel",
      "assistant:3dmodel",
      "user:message",
    ]);
    expect(messages[0].content.text).toBe("A bracket, 40 mm wide");
    expect(messages[4].content.text).toBe("Now with a hole\nof 5 mm");
    expect(messages.slice(1, 4).map((m: { version_number: number }) => m.version_number)).toEqual([1, 2, 3]);

    for (const version of person.seeded) {
      const dir = `chats/001-wall-bracket/versions/v${String(version.number).padStart(3, "0")}`;
      const meta = jsonOf(entries, `${dir}/version.json`);
      expect(meta).toMatchObject({
        id: version.id,
        number: version.number,
        parent_version_number: version.number === 1 ? null : version.number - 1,
        parameters: { width: 10 * version.number },
      });
      expect(meta.files.map((f: { path: string }) => f.path).sort()).toEqual(
        Object.keys(version.files)
          .map((n) => `files/${n}`)
          .sort(),
      );
      expect(entries.get(`${dir}/code.py`)!.toString("utf8")).toBe(version.code);
      for (const [name, bytes] of Object.entries(version.files)) {
        expect(sha(entries.get(`${dir}/files/${name}`)!)).toBe(sha(bytes));
      }
    }
    expect(jsonOf(entries, "chats/002-ideas/messages.json")).toEqual([]);

    expect(entries.get("uploads/sketch.png")!.equals(PNG)).toBe(true);
    expect(jsonOf(entries, "uploads/uploads.json")).toEqual([
      expect.objectContaining({ id: person.uploaded.id, path: "uploads/sketch.png", sha256: sha(PNG) }),
    ]);
    expect(jsonOf(entries, "invitations.json")).toEqual([
      expect.objectContaining({ invitee_email: person.invitee, status: "registration_sent" }),
    ]);
    const notes = jsonOf(entries, "notifications.json").map((n: { type: string }) => n.type);
    expect(notes).toContain("account.password_changed");
  });

  it("when anyone but the signed-in owner asks for an export, or it has expired, then it answers 401 or 404 and the zip is deleted", async () => {
    const person = await member(app, "private");
    const done = await exportFor(person);
    const stranger = await member(app, "nosy");
    expect((await download(stranger.client, done.id)).status).toBe(404);
    expect((await download(new TestClient(app.url), done.id)).status).toBe(401);
    expect((await download(person.client, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await download(person.client, "not-a-uuid")).status).toBe(400);
    expect((await download(person.client, done.id)).status).toBe(200);
    const archive = path.join(storageDir, "export", `${done.id}.zip`);
    expect(existsSync(archive)).toBe(true);

    clock.advance({ days: 7, minutes: 1 });
    try {
      expect((await download(person.client, done.id)).status).toBe(404);
      expect((await person.client.get("/api/profile/exports")).body.items).toEqual([]);
      expect(await app.server.container.services.exports.prune()).toBeGreaterThanOrEqual(1);
    } finally {
      clock.reset();
    }
    expect(await app.database.db.selectFrom("data_exports").where("id", "=", done.id).selectAll().execute()).toEqual(
      [],
    );
    await eventually(
      async () => existsSync(archive),
      (exists) => !exists,
    );
  });
});

/** Rows of every table that names the user, by table. */
async function holdings(userId: string) {
  const { rows } = await sql<Record<string, string>>`
    SELECT
      (SELECT count(*) FROM chat_contexts WHERE owner_id = ${userId}) AS chats,
      (SELECT count(*) FROM chat_items WHERE owner_id = ${userId}) AS items,
      (SELECT count(*) FROM chat_versions WHERE owner_id = ${userId}) AS versions,
      (SELECT count(*) FROM files WHERE owner_id = ${userId}) AS files,
      (SELECT count(*) FROM notifications WHERE user_id = ${userId}) AS notifications,
      (SELECT count(*) FROM invitations WHERE inviter_user_id = ${userId}) AS invitations,
      (SELECT count(*) FROM sessions WHERE user_id = ${userId}) AS sessions,
      (SELECT count(*) FROM account_actions WHERE user_id = ${userId}) AS links,
      (SELECT count(*) FROM data_exports WHERE user_id = ${userId}) AS exports,
      (SELECT count(*) FROM event_log WHERE user_id = ${userId}) AS events,
      (SELECT count(*) FROM audit_log) AS audit_rows
  `.execute(app.database.db);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

async function deleteAccount(person: Member) {
  expect((await person.client.post("/api/profile/delete-account/request", { current_password: PASSWORD })).status).toBe(
    202,
  );
  expect((await confirm(await nextToken(smtp, person.email))).status).toBe(200);
}

describe("the deletion sweep", () => {
  it("when the 30 days have passed, then the sweep anonymises the account, removes its rows and files on disk, keeps the audit trail, and a second run changes nothing", async () => {
    const doomed = await fullAccount("doomed", 2);
    const doomedExport = await exportFor(doomed);
    const keeper = await fullAccount("keeper", 1);
    await deleteAccount(doomed);
    const archive = path.join(storageDir, "export", `${doomedExport.id}.zip`);
    expect(existsSync(archive)).toBe(true);
    const keeperFiles = keeper.seeded.flatMap((v) => v.paths);
    const keeperBefore = await holdings(keeper.id);

    // Inside the window nothing is swept.
    clock.advance({ days: 29 });
    expect((await app.server.container.services.accountSweep.run()).anonymised).toBe(0);
    clock.advance({ days: 1, minutes: 1 });
    try {
      expect(
        (await new TestClient(app.url).post("/api/auth/login", { email: doomed.email, password: PASSWORD })).body.error
          .code,
      ).toBe("invalid_credentials");
      expect((await app.server.container.services.accountSweep.run()).anonymised).toBe(1);

      const row = await app.database.db
        .selectFrom("users")
        .selectAll()
        .where("id", "=", doomed.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        email: `deleted-${doomed.id}@deleted.invalid`,
        display_name: null,
        status: "deactivated",
        deactivated_until: null,
      });
      expect(row.deleted_at).not.toBeNull();
      const after = await holdings(doomed.id);
      expect({ ...after, audit_rows: 0 }).toEqual({
        chats: 0,
        items: 0,
        versions: 0,
        files: 0,
        notifications: 0,
        invitations: 0,
        sessions: 0,
        links: 0,
        exports: 0,
        events: 0,
        audit_rows: 0,
      });
      for (const file of doomed.seeded.flatMap((v) => v.paths)) {
        await eventually(
          async () => existsSync(file),
          (exists) => !exists,
        );
      }
      await eventually(
        async () => existsSync(archive),
        (exists) => !exists,
      );

      // The trail stays: what happened to which id, without the addresses.
      const trail = await app.database.db
        .selectFrom("audit_log")
        .selectAll()
        .where("target_id", "=", doomed.id)
        .orderBy("id")
        .execute();
      expect(trail.map((r) => r.action)).toEqual(
        expect.arrayContaining([
          "auth.registered",
          "account_action.data_export",
          "account_action.account_delete",
          "account.anonymised",
        ]),
      );
      expect(trail.every((r) => r.ip === null)).toBe(true);
      expect(trail.at(-1)).toMatchObject({ action: "account.anonymised", actor_user_id: null });
      expect(trail.at(-1)!.after).toMatchObject({ chats: 2, files: 7, invitations: 1 });

      // The other person's things are untouched.
      expect(await holdings(keeper.id)).toMatchObject({ ...keeperBefore, audit_rows: expect.any(Number) });
      for (const file of keeperFiles) expect(existsSync(file)).toBe(true);

      // Twice is once: nothing is left to sweep, and nothing changes.
      const snapshot = [await holdings(doomed.id), await holdings(keeper.id)];
      expect(
        (await sweepAccounts(testConfig({ DATABASE_URL: app.database.url, STORAGE_DIR: storageDir }), { clock }))
          .anonymised,
      ).toBe(0);
      expect([await holdings(doomed.id), await holdings(keeper.id)]).toEqual(snapshot);

      // The address is free again and the anonymised account can never come back.
      const admin = new TestClient(app.url);
      await admin.login(ADMIN.email, ADMIN.password);
      expect((await admin.patch(`/api/admin/users/${doomed.id}/activate`)).body.error.code).toBe("account_deleted");
      expect(
        (await new TestClient(app.url).post("/api/auth/login", { email: doomed.email, password: PASSWORD })).status,
      ).toBe(401);
      expect((await signUp(app, new TestClient(app.url), { email: doomed.email, password: PASSWORD })).status).toBe(
        200,
      );
    } finally {
      clock.reset();
    }
  });

  it("when sweeps run on several workers at once, then each due account is anonymised exactly once", async () => {
    const due = [await member(app, "due-a"), await member(app, "due-b"), await member(app, "due-c")];
    for (const person of due) await deleteAccount(person);
    clock.advance({ days: 31 });
    try {
      const sweep = app.server.container.services.accountSweep;
      const runs = await Promise.all([sweep.run(), sweep.run(), sweep.run()]);
      expect(runs.reduce((n, r) => n + r.anonymised, 0)).toBe(3);
      const marks = await app.database.db
        .selectFrom("audit_log")
        .select("target_id")
        .where("action", "=", "account.anonymised")
        .where(
          "target_id",
          "in",
          due.map((p) => p.id),
        )
        .execute();
      expect(marks).toHaveLength(3);
    } finally {
      clock.reset();
    }
  });

  it("when the worker starts, then the sweep is scheduled daily and expired exports hourly", async () => {
    const { rows } = await sql<{ name: string; cron: string }>`SELECT name, cron FROM pgboss.schedule`.execute(
      app.database.db,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: "account.sweep", cron: "41 2 * * *" },
        { name: "account.exports.prune", cron: "23 * * * *" },
      ]),
    );
  });
});
