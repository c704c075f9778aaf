import type {
  AdminWaitlistList,
  AdminWaitlistQuerySchema,
  WaitlistBulkResponse,
  WaitlistEntry as WaitlistEntryView,
  WaitlistJoinRequestSchema,
  WaitlistStatusResponse,
} from "@chat3d/shared";
import type { z } from "zod";
import type { Db } from "../db/database.js";
import type { WaitlistEntry } from "../db/schema.js";
import { AppError } from "../errors.js";
import { appLink } from "../lib/links.js";
import { generateToken, hashToken } from "../lib/tokens.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import type { WaitlistRepository } from "../repositories/waitlist.repository.js";
import type { Actor } from "./admin-user.service.js";
import type { EventService } from "./event.service.js";
import type { Mailer } from "./mailer.js";
import type { NotificationService } from "./notification.service.js";
import { REGISTRATION_TOKEN_TTL_DAYS, type RegistrationTokenService } from "./registration-token.service.js";

const CONFIRMATION_TTL_DAYS = 7;
/** The admins' notification that a request waits for them; read for all once one of them decides. */
const PENDING_APPROVAL = "waitlist.pending_approval";

export const JOIN_MESSAGE =
  "Check your inbox: if this address can join the waitlist, we've sent it a confirmation link.";

export function toWaitlistView(e: WaitlistEntry): WaitlistEntryView {
  return {
    id: e.id,
    email: e.email,
    marketing_consent: e.marketing_consent,
    status: e.status,
    email_confirmed_at: e.email_confirmed_at?.toISOString() ?? null,
    approved_at: e.approved_at?.toISOString() ?? null,
    rejected_at: e.rejected_at?.toISOString() ?? null,
    created_at: e.created_at.toISOString(),
    updated_at: e.updated_at.toISOString(),
  };
}

export interface WaitlistServiceDeps {
  db: Db;
  entries: WaitlistRepository;
  users: UserRepository;
  registrationTokens: RegistrationTokenService;
  audit: AuditLogRepository;
  mailer: Mailer;
  events: EventService;
  notifications: NotificationService;
  appBaseUrl: string;
}

export class WaitlistService {
  constructor(private readonly deps: WaitlistServiceDeps) {}

  /**
   * Adds the email (or re-sends its confirmation) and answers the same in every case, so the form says
   * nothing about who is already here.
   */
  async join(
    input: z.output<typeof WaitlistJoinRequestSchema>,
    invitedBy: string | null = null,
    trx?: Db,
  ): Promise<void> {
    const { users, entries, mailer, appBaseUrl } = this.deps;
    const run = async (db: Db) => {
      if (await users.findByEmail(input.email, db)) {
        await mailer.send(
          "waitlist_already_member",
          input.email,
          { link: appLink(appBaseUrl, "/login") },
          `waitlist_member:${input.email}:${new Date().toISOString().slice(0, 10)}`,
          db,
        );
        return;
      }
      const existing = await entries.findByEmailForUpdate(input.email, db);
      if (existing && existing.status !== "pending_email_confirmation") return;
      const { token, hash } = generateToken();
      const entry = await entries.upsertPending(
        {
          email: input.email,
          marketingConsent: input.marketing_consent,
          tokenHash: hash,
          expiresAt: new Date(Date.now() + CONFIRMATION_TTL_DAYS * 86_400_000),
        },
        db,
      );
      await mailer.send(
        "waitlist_confirm",
        input.email,
        { link: appLink(appBaseUrl, "/waitlist/confirm", { token }), invited_by: invitedBy },
        `waitlist_confirm:${entry.id}:${hash.slice(0, 16)}`,
        db,
      );
    };
    if (trx) return run(trx);
    await this.deps.db.transaction().execute(run);
  }

  /** What confirming would do, without doing it: the page a link opens shows this first. */
  async previewConfirmation(
    token: string,
  ): Promise<{ email: string; status: WaitlistEntry["status"]; expired: boolean }> {
    const entry = await this.deps.entries.findByTokenHash(hashToken(token));
    if (!entry) throw AppError.notFound("This confirmation link is not valid.");
    return {
      email: entry.email,
      status: entry.status,
      expired:
        entry.status === "pending_email_confirmation" && (entry.confirmation_expires_at?.getTime() ?? 0) < Date.now(),
    };
  }

  async confirm(token: string): Promise<WaitlistEntryView> {
    const { db, entries, audit, notifications } = this.deps;
    const hash = hashToken(token);
    const entry = await db.transaction().execute(async (trx) => {
      const confirmed = await entries.confirm(hash, trx);
      if (!confirmed) return undefined;
      await audit.insert(
        { actorUserId: null, action: "waitlist.email_confirmed", targetType: "waitlist_entry", targetId: confirmed.id },
        trx,
      );
      await notifications.notifyAdmins(
        PENDING_APPROVAL,
        {
          title: "New waitlist request",
          body: `${confirmed.email} confirmed their email and is waiting for approval.`,
          link: "/admin/waitlist",
          waitlist_entry_id: confirmed.id,
        },
        trx,
      );
      await this.announce(confirmed, trx);
      return confirmed;
    });
    if (!entry) {
      const known = await entries.findByTokenHash(hash);
      if (known && known.status !== "pending_email_confirmation") {
        throw AppError.conflict("This email is already confirmed.", "already_confirmed");
      }
      throw AppError.unprocessable(
        "This confirmation link is not valid or has expired. Join the waitlist again.",
        "invalid_token",
      );
    }
    return toWaitlistView(entry);
  }

  /** The holder of a confirmation link may see their entry; anyone else gets the same generic answer. */
  async status(token: string | undefined): Promise<WaitlistStatusResponse> {
    const entry = token ? await this.deps.entries.findByTokenHash(hashToken(token)) : undefined;
    if (!entry) {
      return {
        known: false,
        message: "Open the link from your confirmation email to see your status. We email you whenever it changes.",
      };
    }
    return {
      known: true,
      entry: {
        email: entry.email,
        status: entry.status,
        marketing_consent: entry.marketing_consent,
        created_at: entry.created_at.toISOString(),
      },
    };
  }

  async list(query: z.output<typeof AdminWaitlistQuerySchema>): Promise<AdminWaitlistList> {
    const { items, total } = await this.deps.entries.list({
      status: query.status,
      query: query.query || undefined,
      limit: query.page_size,
      offset: (query.page - 1) * query.page_size,
    });
    return { items: items.map(toWaitlistView), total, page: query.page, page_size: query.page_size };
  }

  /** Approval issues a single-use registration token for the entry's email and sends its link. */
  async approve(id: string, actor: Actor): Promise<WaitlistEntryView> {
    const { db, entries, registrationTokens, mailer, audit, appBaseUrl } = this.deps;
    const entry = await db.transaction().execute(async (trx) => {
      const current = await this.requireEntry(id, trx);
      const approved = await entries.transition(
        id,
        "pending_admin_approval",
        { status: "approved", approved_by: actor.id, approved_at: new Date() },
        trx,
      );
      if (!approved) throw this.wrongState(current, "approved");
      const { token, id: tokenId } = await registrationTokens.issue(approved.email, "waitlist", actor.id, trx);
      await mailer.send(
        "waitlist_approved",
        approved.email,
        {
          link: appLink(appBaseUrl, "/register", { token, email: approved.email, via: "waitlist" }),
          ttl_days: REGISTRATION_TOKEN_TTL_DAYS,
        },
        `waitlist_approved:${tokenId}`,
        trx,
      );
      await audit.insert(
        {
          actorUserId: actor.id,
          action: "waitlist.approved",
          targetType: "waitlist_entry",
          targetId: id,
          ip: actor.ip,
          before: { status: current.status },
          after: { status: "approved" },
        },
        trx,
      );
      await this.handled(approved, trx);
      return approved;
    });
    return toWaitlistView(entry);
  }

  async reject(id: string, actor: Actor): Promise<WaitlistEntryView> {
    const { db, entries, mailer, audit, appBaseUrl } = this.deps;
    const entry = await db.transaction().execute(async (trx) => {
      const current = await this.requireEntry(id, trx);
      if (current.status === "approved" || current.status === "rejected") throw this.wrongState(current, "rejected");
      const rejected = (await entries.transition(
        id,
        current.status,
        { status: "rejected", rejected_at: new Date() },
        trx,
      ))!;
      if (current.status === "pending_admin_approval") {
        await mailer.send(
          "waitlist_rejected",
          rejected.email,
          { link: appLink(appBaseUrl, "/waitlist/status") },
          `waitlist_rejected:${id}`,
          trx,
        );
      }
      await audit.insert(
        {
          actorUserId: actor.id,
          action: "waitlist.rejected",
          targetType: "waitlist_entry",
          targetId: id,
          ip: actor.ip,
          before: { status: current.status },
          after: { status: "rejected" },
        },
        trx,
      );
      await this.handled(rejected, trx);
      return rejected;
    });
    return toWaitlistView(entry);
  }

  /** Each entry is handled on its own: one that cannot move does not stop the rest. */
  async bulk(action: "approve" | "reject", ids: string[], actor: Actor): Promise<WaitlistBulkResponse> {
    const results: WaitlistBulkResponse["results"] = [];
    for (const id of ids) {
      try {
        const entry = action === "approve" ? await this.approve(id, actor) : await this.reject(id, actor);
        results.push({ id, ok: true, entry });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ id, ok: false, error: err.message });
      }
    }
    return { results };
  }

  private async announce(entry: WaitlistEntry, trx: Db): Promise<void> {
    await this.deps.events.publish(
      { type: "waitlist.entry.updated", audience: { admins: true }, payload: toWaitlistView(entry) },
      trx,
    );
  }

  /** A decided request: the admins' "new request" notifications about it are done with. */
  private async handled(entry: WaitlistEntry, trx: Db): Promise<void> {
    await this.deps.notifications.markHandled(PENDING_APPROVAL, { waitlist_entry_id: entry.id }, trx);
    await this.announce(entry, trx);
  }

  private async requireEntry(id: string, trx: Db): Promise<WaitlistEntry> {
    const entry = await this.deps.entries.findById(id, trx, { forUpdate: true });
    if (!entry) throw AppError.notFound("No such waitlist entry.");
    return entry;
  }

  private wrongState(entry: WaitlistEntry, target: string) {
    const labels: Record<WaitlistEntry["status"], string> = {
      pending_email_confirmation: "has not confirmed its email yet",
      pending_admin_approval: "is waiting for approval",
      approved: "is already approved",
      rejected: "is already rejected",
    };
    return AppError.conflict(`This entry ${labels[entry.status]}, so it cannot be ${target}.`, "invalid_state");
  }
}
