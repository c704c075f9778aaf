import type { Db } from "../db/database.js";
import { normalizeEmail } from "@chat3d/shared";
import type { NewUser, User, UserRole, UserStatus } from "../db/schema.js";

export interface UserListFilter {
  query?: string;
  role?: UserRole;
  status?: UserStatus;
  limit: number;
  offset: number;
}

export class UserRepository {
  constructor(private readonly db: Db) {}

  findById(id: string, db: Db = this.db, opts: { forUpdate?: boolean } = {}): Promise<User | undefined> {
    const query = db.selectFrom("users").selectAll().where("id", "=", id);
    return (opts.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  }

  findByEmail(email: string, db: Db = this.db): Promise<User | undefined> {
    return db.selectFrom("users").selectAll().where("email", "=", normalizeEmail(email)).executeTakeFirst();
  }

  /** Inserts unless the email exists; returns the new row, or undefined when another writer won. */
  insertIfAbsent(user: NewUser, db: Db = this.db): Promise<User | undefined> {
    return db
      .insertInto("users")
      .values({ ...user, email: normalizeEmail(user.email) })
      .onConflict((oc) => oc.column("email").doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  async list(filter: UserListFilter): Promise<{ items: User[]; total: number }> {
    let query = this.db.selectFrom("users");
    if (filter.query) {
      const pattern = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb("email", "ilike", pattern), eb("display_name", "ilike", pattern)]));
    }
    if (filter.role) query = query.where("role", "=", filter.role);
    if (filter.status) query = query.where("status", "=", filter.status);
    const [items, { total }] = await Promise.all([
      query.selectAll().orderBy("created_at", "desc").orderBy("id").limit(filter.limit).offset(filter.offset).execute(),
      query.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total) };
  }

  setLimits(
    id: string,
    limits: { daily_query_limit: number | null; monthly_cost_cap_usd: number | null },
    db: Db = this.db,
  ): Promise<User | undefined> {
    return db
      .updateTable("users")
      .set({ ...limits, updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
  }

  async activeAdminIds(db: Db = this.db): Promise<string[]> {
    const rows = await db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "admin")
      .where("status", "=", "active")
      .execute();
    return rows.map((r) => r.id);
  }

  async setPassword(id: string, passwordHash: string, db: Db = this.db): Promise<void> {
    await db
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
  }

  setStatus(id: string, status: UserStatus, db: Db = this.db): Promise<User | undefined> {
    return db
      .updateTable("users")
      .set({ status, deactivated_until: null, updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
  }
}
