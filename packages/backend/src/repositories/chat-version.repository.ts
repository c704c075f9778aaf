import { sql, type Insertable, type Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";

export type VersionRow = Selectable<DB["chat_versions"]>;
export type VersionSummaryRow = Pick<
  VersionRow,
  | "id"
  | "chat_context_id"
  | "number"
  | "source"
  | "kind"
  | "parent_version_id"
  | "restored_from_version_id"
  | "created_at"
> & { thumbnail_file_id: string | null; /** metrics.bounding_box.size, as stored. */ size: unknown };
export type VersionFileRow = Selectable<DB["version_files"]> & { bytes: string; name: string | null; key: string };

const SUMMARY = [
  "chat_versions.id",
  "chat_versions.chat_context_id",
  "chat_versions.number",
  "chat_versions.source",
  "chat_versions.kind",
  "chat_versions.parent_version_id",
  "chat_versions.restored_from_version_id",
  "chat_versions.created_at",
] as const;

export class ChatVersionRepository {
  constructor(private readonly db: Db) {}

  private summaries(db: Db) {
    return (
      db
        .selectFrom("chat_versions")
        .select(SUMMARY)
        .select((eb) =>
          eb
            .selectFrom("version_files")
            .select("version_files.file_id")
            .whereRef("version_files.version_id", "=", "chat_versions.id")
            .where("version_files.role", "=", "preview")
            .where("version_files.view", "=", "iso")
            .limit(1)
            .as("thumbnail_file_id"),
        )
        // Only the extents: the whole metrics document carries every face and edge.
        .select(sql<unknown>`chat_versions.metrics -> 'bounding_box' -> 'size'`.as("size"))
    );
  }

  /** The next number in the chat; call it with the chat's row locked, so two renders cannot share one. */
  async nextNumber(chatContextId: string, db: Db): Promise<number> {
    const row = await db
      .selectFrom("chat_versions")
      .select((eb) => eb.fn.max("number").as("max"))
      .where("chat_context_id", "=", chatContextId)
      .executeTakeFirst();
    return Number(row?.max ?? 0) + 1;
  }

  async insert(version: Insertable<DB["chat_versions"]>, db: Db): Promise<VersionRow> {
    return db.insertInto("chat_versions").values(version).returningAll().executeTakeFirstOrThrow();
  }

  async linkFiles(rows: Insertable<DB["version_files"]>[], db: Db): Promise<void> {
    if (rows.length) await db.insertInto("version_files").values(rows).execute();
  }

  findOwned(id: string, ownerId: string, db: Db = this.db): Promise<VersionRow | undefined> {
    return db
      .selectFrom("chat_versions")
      .selectAll()
      .where("id", "=", id)
      .where("owner_id", "=", ownerId)
      .executeTakeFirst();
  }

  summary(id: string, db: Db = this.db): Promise<VersionSummaryRow | undefined> {
    return this.summaries(db).where("chat_versions.id", "=", id).executeTakeFirst();
  }

  async summariesByIds(ids: string[], db: Db = this.db): Promise<Map<string, VersionSummaryRow>> {
    if (!ids.length) return new Map();
    const rows = await this.summaries(db).where("chat_versions.id", "in", ids).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Newest first. */
  listForContext(chatContextId: string): Promise<VersionSummaryRow[]> {
    return this.summaries(this.db)
      .where("chat_versions.chat_context_id", "=", chatContextId)
      .orderBy("chat_versions.number", "desc")
      .execute();
  }

  filesOf(versionId: string, db: Db = this.db): Promise<VersionFileRow[]> {
    return db
      .selectFrom("version_files")
      .innerJoin("files", "files.id", "version_files.file_id")
      .selectAll("version_files")
      .select(["files.size_bytes as bytes", "files.name", "files.key"])
      .where("version_files.version_id", "=", versionId)
      .orderBy("version_files.role")
      .orderBy("version_files.format")
      .orderBy("version_files.view")
      .execute();
  }

  /** A chat's versions with their code, oldest first (the data export). */
  allOfContext(chatContextId: string): Promise<VersionRow[]> {
    return this.db
      .selectFrom("chat_versions")
      .selectAll()
      .where("chat_context_id", "=", chatContextId)
      .orderBy("number")
      .execute();
  }

  /** Per owner, the versions (renders) made since `since`: one grouped query for a page of people. */
  async countByOwner(ownerIds: string[], since: Date): Promise<Map<string, number>> {
    if (!ownerIds.length) return new Map();
    const rows = await this.db
      .selectFrom("chat_versions")
      .select(["owner_id", (eb) => eb.fn.countAll<string>().as("count")])
      .where("owner_id", "in", ownerIds)
      .where("created_at", ">=", since)
      .groupBy("owner_id")
      .execute();
    return new Map(rows.map((r) => [r.owner_id, Number(r.count)]));
  }
}
