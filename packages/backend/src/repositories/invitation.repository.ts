import { sql } from "kysely";
import type { Db } from "../db/database.js";
import type { Invitation } from "../db/schema.js";
import { containsPattern } from "../lib/like.js";

const OPEN_STATUSES = ["pending", "waitlisted", "registration_sent"] as const;

export class InvitationRepository {
  constructor(private readonly db: Db) {}

  listByInviter(inviterId: string): Promise<Invitation[]> {
    return this.db
      .selectFrom("invitations")
      .selectAll()
      .where("inviter_user_id", "=", inviterId)
      .orderBy("created_at", "desc")
      .execute();
  }

  /** Every invitation, newest first, with its inviter: the admin's table. */
  async listAll(filter: { status?: Invitation["status"]; query?: string; limit: number; offset: number }) {
    let query = this.db.selectFrom("invitations").innerJoin("users", "users.id", "invitations.inviter_user_id");
    if (filter.status) query = query.where("invitations.status", "=", filter.status);
    if (filter.query) query = query.where("invitations.invitee_email", "ilike", containsPattern(filter.query));
    const [items, { total }] = await Promise.all([
      query
        .selectAll("invitations")
        .select(["users.email as inviter_email", "users.display_name as inviter_display_name"])
        .orderBy("invitations.created_at", "desc")
        .orderBy("invitations.id")
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total) };
  }

  /** Invitations that count against the quota: every one but the revoked. */
  async countCounted(inviterId: string, db: Db = this.db): Promise<number> {
    const { count } = await db
      .selectFrom("invitations")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("inviter_user_id", "=", inviterId)
      .where("status", "!=", "revoked")
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  findForInviter(inviterId: string, email: string, db: Db = this.db) {
    return db
      .selectFrom("invitations")
      .selectAll()
      .where("inviter_user_id", "=", inviterId)
      .where("invitee_email", "=", email)
      .executeTakeFirst();
  }

  findById(id: string, db: Db = this.db) {
    return db.selectFrom("invitations").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  }

  /** A new invitation, or a revoked one to the same person brought back. */
  upsert(inviterId: string, email: string, db: Db = this.db): Promise<Invitation> {
    return db
      .insertInto("invitations")
      .values({ inviter_user_id: inviterId, invitee_email: email })
      .onConflict((oc) =>
        oc
          .columns(["inviter_user_id", "invitee_email"])
          .doUpdateSet({ status: "pending", registration_token_id: null, updated_at: new Date() })
          .where("invitations.status", "=", "revoked"),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  update(
    id: string,
    change: { status: Invitation["status"]; registration_token_id?: string | null },
    db: Db = this.db,
  ) {
    return db
      .updateTable("invitations")
      .set({ ...change, updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Marks every open invitation to this email accepted; returns them so their inviters can be told. */
  acceptAllFor(email: string, db: Db = this.db): Promise<Invitation[]> {
    return db
      .updateTable("invitations")
      .set({ status: "accepted", updated_at: new Date() })
      .where("invitee_email", "=", email)
      .where("status", "in", OPEN_STATUSES)
      .returningAll()
      .execute();
  }

  /** Serialises one inviter's invitations so concurrent requests cannot exceed the quota together. */
  async lockInviter(inviterId: string, db: Db): Promise<void> {
    await sql`SELECT 1 FROM users WHERE id = ${inviterId} FOR UPDATE`.execute(db);
  }

  /** The sweep: the invitations a person sent (the addresses they named) go with them. */
  async deleteAllByInviter(inviterId: string, db: Db): Promise<number> {
    const result = await db.deleteFrom("invitations").where("inviter_user_id", "=", inviterId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

export { OPEN_STATUSES };
