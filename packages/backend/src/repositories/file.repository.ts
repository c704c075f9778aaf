import type { Db } from "../db/database.js";

export interface FileRecord {
  ownerId: string;
  key: string;
  size: number;
  sha256: string;
  contentType: string;
}

export class FileRepository {
  constructor(private readonly db: Db) {}

  /** Records a stored object; a re-render of the same message replaces its row. */
  async upsert(file: FileRecord, db: Db = this.db): Promise<void> {
    await db
      .insertInto("files")
      .values({
        owner_id: file.ownerId,
        key: file.key,
        size_bytes: file.size,
        sha256: file.sha256,
        content_type: file.contentType,
      })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          size_bytes: file.size,
          sha256: file.sha256,
          content_type: file.contentType,
          created_at: new Date(),
        }),
      )
      .execute();
  }

  findOwned(key: string, ownerId: string) {
    return this.db
      .selectFrom("files")
      .selectAll()
      .where("key", "=", key)
      .where("owner_id", "=", ownerId)
      .executeTakeFirst();
  }
}
