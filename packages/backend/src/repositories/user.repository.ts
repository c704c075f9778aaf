import type { Db } from "../db/database.js";
import { normalizeEmail } from "@chat3d/shared";
import type { NewUser, User, UserRole, UserStatus } from "../db/schema.js";
import { containsPattern } from "../lib/like.js";

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
      const pattern = containsPattern(filter.query);
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

  setDisplayName(id: string, displayName: string | null, db: Db = this.db): Promise<User> {
    return db
      .updateTable("users")
      .set({ display_name: displayName, updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Moves the account to another address; undefined when another account holds it. */
  async setEmail(id: string, email: string, db: Db): Promise<User | undefined> {
    const taken = await this.findByEmail(email, db);
    if (taken && taken.id !== id) return undefined;
    try {
      return await db
        .updateTable("users")
        .set({ email: normalizeEmail(email), updated_at: new Date() })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
    } catch (err) {
      // A registration that took the address between the check and the update.
      if ((err as { code?: string }).code === "23505") return undefined;
      throw err;
    }
  }

  /** Deactivated until `until`, when the deletion sweep may anonymise the account. */
  scheduleDeletion(id: string, until: Date, db: Db): Promise<User> {
    return db
      .updateTable("users")
      .set({ status: "deactivated", deactivated_until: until, updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * Locks one account whose deletion window has ended, skipping rows another sweeper holds, so sweeps on
   * several workers share the work and never handle one account twice.
   */
  claimDueForDeletion(now: Date, db: Db): Promise<User | undefined> {
    return db
      .selectFrom("users")
      .selectAll()
      .where("status", "=", "deactivated")
      .where("deleted_at", "is", null)
      .where("deactivated_until", "<=", now)
      .orderBy("deactivated_until")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
  }

  /** An open sign-up whose address was never confirmed since `createdBefore`, locked for its removal. */
  claimUnconfirmedSince(createdBefore: Date, db: Db): Promise<User | undefined> {
    return db
      .selectFrom("users")
      .selectAll()
      .where("email_confirmed_at", "is", null)
      .where("deleted_at", "is", null)
      .where("created_at", "<=", createdBefore)
      .orderBy("created_at")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
  }

  /** Marks the address as proven (idempotent: the first confirmation's time stays). */
  async confirmEmail(id: string, now: Date, db: Db): Promise<void> {
    await db
      .updateTable("users")
      .set({ email_confirmed_at: now })
      .where("id", "=", id)
      .where("email_confirmed_at", "is", null)
      .execute();
  }

  /** What remains of a deleted account: an id the audit trail can point at, nothing that names a person. */
  anonymise(id: string, now: Date, db: Db): Promise<User> {
    return db
      .updateTable("users")
      .set({
        email: `deleted-${id}@deleted.invalid`,
        // Not an argon2 hash: no password ever verifies against it.
        password_hash: "!deleted",
        display_name: null,
        status: "deactivated",
        deactivated_until: null,
        deleted_at: now,
        updated_at: now,
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}
