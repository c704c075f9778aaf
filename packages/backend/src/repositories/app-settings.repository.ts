import type { Db } from "../db/database.js";
import type { AppSettings } from "../db/schema.js";

export type SettingsChange = Partial<
  Pick<
    AppSettings,
    | "waitlist_enabled"
    | "invitations_enabled"
    | "invitation_waitlist_required"
    | "invitation_quota_per_user"
    | "daily_query_limit"
  > & { monthly_cost_cap_usd: number | null }
>;

export class AppSettingsRepository {
  constructor(private readonly db: Db) {}

  async ensureRow(): Promise<void> {
    await this.db
      .insertInto("app_settings")
      .values({ id: true })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }

  get(db: Db = this.db): Promise<AppSettings> {
    return db.selectFrom("app_settings").selectAll().executeTakeFirstOrThrow();
  }

  /** Locks the row so concurrent admin edits apply one after the other and each audit shows a true "before". */
  getForUpdate(db: Db): Promise<AppSettings> {
    return db.selectFrom("app_settings").selectAll().forUpdate().executeTakeFirstOrThrow();
  }

  update(change: SettingsChange, updatedBy: string, db: Db = this.db): Promise<AppSettings> {
    return db
      .updateTable("app_settings")
      .set({ ...change, updated_by: updatedBy, updated_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}
