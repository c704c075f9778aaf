import type { Insertable, Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";

export type FileRow = Selectable<DB["files"]>;

export class FileRepository {
  constructor(private readonly db: Db) {}

  insert(file: Insertable<DB["files"]>, db: Db = this.db): Promise<FileRow> {
    return db.insertInto("files").values(file).returningAll().executeTakeFirstOrThrow();
  }

  insertMany(files: Insertable<DB["files"]>[], db: Db): Promise<FileRow[]> {
    return files.length ? db.insertInto("files").values(files).returningAll().execute() : Promise.resolve([]);
  }

  /** Undefined when the file does not exist or is someone else's: both answer the same 404. */
  findOwned(id: string, ownerId: string, db: Db = this.db): Promise<FileRow | undefined> {
    return db.selectFrom("files").selectAll().where("id", "=", id).where("owner_id", "=", ownerId).executeTakeFirst();
  }

  /** Whether a version lists the file (its bytes are then part of an immutable version). */
  async inVersion(id: string, db: Db = this.db): Promise<boolean> {
    return Boolean(await db.selectFrom("version_files").select("file_id").where("file_id", "=", id).executeTakeFirst());
  }

  /** The storage keys of a chat's files, read before the chat's rows go. */
  async keysOfChat(chatContextId: string, db: Db): Promise<string[]> {
    const rows = await db.selectFrom("files").select("key").where("chat_context_id", "=", chatContextId).execute();
    return rows.map((r) => r.key);
  }

  async delete(id: string, db: Db = this.db): Promise<void> {
    await db.deleteFrom("files").where("id", "=", id).execute();
  }
}
