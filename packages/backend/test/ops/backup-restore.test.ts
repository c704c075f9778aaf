import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDatabase, type TestDatabase } from "../helpers/database.js";

const run = promisify(execFile);
const scripts = fileURLToPath(new URL("../../../../scripts/ops/", import.meta.url));

let database: TestDatabase;
let work: string;
let storage: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  database = await createMigratedDatabase();
  work = mkdtempSync(path.join(tmpdir(), "chat3d-backup-"));
  storage = path.join(work, "storage");
  mkdirSync(path.join(storage, "modelcreator"), { recursive: true });
  env = { ...process.env, DATABASE_URL: database.url, STORAGE_DIR: storage };
});
afterAll(() => database.drop());

const emails = async () =>
  (await database.db.selectFrom("users").select("email").orderBy("email").execute()).map((u) => u.email);
const chats = async () => (await database.db.selectFrom("chat_contexts").select("name").execute()).map((c) => c.name);

async function backup(): Promise<string> {
  const { stdout } = await run("bash", [`${scripts}backup.sh`, path.join(work, "backups")], { env });
  return stdout.trim();
}
const restore = (dir: string, ...args: string[]) => run("bash", [`${scripts}restore.sh`, dir, ...args], { env });

describe("scripts/ops/backup.sh and restore.sh", () => {
  it("when data and files change after a backup, then restoring it brings back exactly what was backed up", async () => {
    const { id } = await database.db
      .insertInto("users")
      .values({ email: "kept@example.test", password_hash: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db.insertInto("chat_contexts").values({ owner_id: id, name: "Bracket" }).execute();
    writeFileSync(path.join(storage, "modelcreator/a.step"), "ISO-10303-21 original");

    const dir = await backup();
    expect(readFileSync(path.join(dir, "SHA256SUMS"), "utf8")).toMatch(/database\.dump\n.*storage\.tar\.gz\n$/);

    await database.db.deleteFrom("chat_contexts").execute();
    await database.db.insertInto("users").values({ email: "later@example.test", password_hash: "x" }).execute();
    writeFileSync(path.join(storage, "modelcreator/a.step"), "overwritten");
    writeFileSync(path.join(storage, "modelcreator/b.stl"), "new since the backup");

    await restore(dir, "--yes");
    expect(await emails()).toEqual(["kept@example.test"]);
    expect(await chats()).toEqual(["Bracket"]);
    expect(readFileSync(path.join(storage, "modelcreator/a.step"), "utf8")).toBe("ISO-10303-21 original");
    expect(existsSync(path.join(storage, "modelcreator/b.stl"))).toBe(false);
    // The restored schema takes writes again.
    await database.db.insertInto("users").values({ email: "after@example.test", password_hash: "x" }).execute();
  });

  it("when the backup is damaged or --yes is missing, then restore refuses and changes nothing", async () => {
    const dir = await backup();
    await database.db.insertInto("users").values({ email: "stays@example.test", password_hash: "x" }).execute();
    const before = await emails();

    await expect(restore(dir)).rejects.toMatchObject({ code: 2 });
    appendFileSync(path.join(dir, "database.dump"), "tampered");
    await expect(restore(dir, "--yes")).rejects.toMatchObject({
      stderr: expect.stringContaining("fails its checksums"),
    });
    expect(await emails()).toEqual(before);
  });
});
