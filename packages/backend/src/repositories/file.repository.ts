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

  /** A person's files that belong to no model version: their uploads (the data export). */
  uploadsOf(ownerId: string): Promise<FileRow[]> {
    return this.db
      .selectFrom("files")
      .selectAll()
      .where("owner_id", "=", ownerId)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom("version_files").select("file_id").whereRef("file_id", "=", "files.id"))),
      )
      .orderBy("created_at")
      .execute();
  }

  /** The sweep: removes every file row of a person and returns the storage keys of their bytes. */
  async deleteAllOfOwner(ownerId: string, db: Db): Promise<string[]> {
    const rows = await db.deleteFrom("files").where("owner_id", "=", ownerId).returning("key").execute();
    return rows.map((r) => r.key);
  }
}
