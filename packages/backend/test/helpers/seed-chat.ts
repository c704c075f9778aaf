import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestApp } from "./app.js";

export interface SeededVersion {
  id: string;
  number: number;
  code: string;
  /** name in the chat → bytes, as stored */
  files: Record<string, Buffer>;
  /** storage keys, to check the disk */
  paths: string[];
}

/**
 * A chat's model history written as the render pipeline leaves it (versions, their files on disk, the
 * timeline entries showing them), without a render service: the export and the sweep only read it.
 */
export async function seedModelVersions(
  app: TestApp,
  storageDir: string,
  opts: { ownerId: string; chatId: string; versions: number; fileBytes?: number },
): Promise<SeededVersion[]> {
  const db = app.database.db;
  const seeded: SeededVersion[] = [];
  let parent: string | null = null;
  for (let n = 1; n <= opts.versions; n++) {
    const code = `from build123d import *\n\nwidth = ${10 * n}  # @param\nroot_part = Box(width, 20, 5)\n`;
    const { id } = await db
      .insertInto("chat_versions")
      .values({
        chat_context_id: opts.chatId,
        owner_id: opts.ownerId,
        number: n,
        source: n === 1 ? "render" : "parameters",
        kind: "solid",
        parent_version_id: parent,
        code,
        parameters: JSON.stringify({ width: 10 * n }),
        quality: "normal",
        metrics: JSON.stringify({ volume: 1000 * n }),
        timings: JSON.stringify({ total_ms: 40 }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const version: SeededVersion = { id, number: n, code, files: {}, paths: [] };
    for (const [format, role, type] of [
      ["step", "model", "model/step"],
      ["stl", "model", "model/stl"],
      ["b123d", "code", "text/x-python"],
    ] as const) {
      const bytes = format === "b123d" ? Buffer.from(code) : randomBytes(opts.fileBytes ?? 4096);
      const key = `modelcreator/${id}.${format}`;
      const file = path.join(storageDir, key);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      const name = `bracket-v${n}.${format}`;
      const row = await db
        .insertInto("files")
        .values({
          owner_id: opts.ownerId,
          key,
          name,
          size_bytes: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          content_type: type,
          chat_context_id: opts.chatId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("version_files").values({ version_id: id, file_id: row.id, role, format }).execute();
      version.files[name] = bytes;
      version.paths.push(file);
    }
    await db
      .insertInto("chat_items")
      .values({
        chat_context_id: opts.chatId,
        owner_id: opts.ownerId,
        role: "assistant",
        item_type: "3dmodel",
        content: JSON.stringify({ text: `Version ${n}` }),
        version_id: id,
      })
      .execute();
    await db.updateTable("chat_contexts").set({ current_version_id: id }).where("id", "=", opts.chatId).execute();
    parent = id;
    seeded.push(version);
  }
  return seeded;
}
