import type {
  AdminInvitationList,
  AdminInvitationQuerySchema,
  CreateInvitationsResponse,
  Invitation as InvitationView,
  InvitationList,
} from "@chat3d/shared";
import type { z } from "zod";
import type { Db } from "../db/database.js";
import type { Invitation, User } from "../db/schema.js";
import { AppError } from "../errors.js";
import { appLink } from "../lib/links.js";
import type { AppSettingsRepository } from "../repositories/app-settings.repository.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import { OPEN_STATUSES, type InvitationRepository } from "../repositories/invitation.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import { requireConfirmedEmail } from "./account-state.js";
import type { Actor } from "./admin-user.service.js";
import type { EventService } from "./event.service.js";
import type { Mailer } from "./mailer.js";
import type { NotificationService } from "./notification.service.js";
import { REGISTRATION_TOKEN_TTL_DAYS, type RegistrationTokenService } from "./registration-token.service.js";
import type { WaitlistService } from "./waitlist.service.js";

export function toInvitationView(i: Invitation): InvitationView {
  return {
    id: i.id,
    invitee_email: i.invitee_email,
    status: i.status,
    created_at: i.created_at.toISOString(),
    updated_at: i.updated_at.toISOString(),
  };
}

const inviterName = (user: User) => user.display_name ?? user.email;

/**
 * Invitations under the admin's policy. Quota: every invitation counts except revoked ones, so revoking an
 * unanswered invitation gives the slot back; admins invite without a quota.
 */
export interface InvitationServiceDeps {
  db: Db;
  invitations: InvitationRepository;
  users: UserRepository;
  settings: AppSettingsRepository;
  registrationTokens: RegistrationTokenService;
  waitlist: WaitlistService;
  audit: AuditLogRepository;
  mailer: Mailer;
  events: EventService;
  notifications: NotificationService;
  appBaseUrl: string;
}

export class InvitationService {
  constructor(private readonly deps: InvitationServiceDeps) {}

  async list(user: User): Promise<InvitationList> {
    const { invitations } = this.deps;
    const [items, settings, used] = await Promise.all([
      invitations.listByInviter(user.id),
      this.deps.settings.get(),
      invitations.countCounted(user.id),
    ]);
    return {
      items: items.map(toInvitationView),
      quota: this.quota(user, settings.invitation_quota_per_user, used),
      invitations_enabled: settings.invitations_enabled,
      waitlist_required: settings.invitation_waitlist_required,
    };
  }

  /** Each email is invited, already invited or over the quota; `created` says whether any invitation was made. */
  invite(inviter: User, emails: string[], ip: string | null): Promise<CreateInvitationsResponse & { created: number }> {
    const { db, invitations, audit } = this.deps;
    requireConfirmedEmail(inviter, "invite people");
    return db.transaction().execute(async (trx) => {
      const settings = await this.deps.settings.get(trx);
      if (!settings.invitations_enabled) throw AppError.forbidden("Invitations are turned off on this server.");
      await invitations.lockInviter(inviter.id, trx);
      let used = await invitations.countCounted(inviter.id, trx);
      const limit = inviter.role === "admin" ? null : settings.invitation_quota_per_user;
      const results: CreateInvitationsResponse["results"] = [];
      const changed: Invitation[] = [];

      for (const email of emails) {
        const existing = await invitations.findForInviter(inviter.id, email, trx);
        if (existing && existing.status !== "revoked") {
          results.push({ email, outcome: "already_invited", invitation: toInvitationView(existing) });
          continue;
        }
        if (limit !== null && used >= limit) {
          results.push({ email, outcome: "quota_exceeded" });
          continue;
        }
        const invitation = await this.deliver(
          inviter,
          await invitations.upsert(inviter.id, email, trx),
          settings.invitation_waitlist_required,
          trx,
        );
        used += 1;
        changed.push(invitation);
        results.push({ email, outcome: "invited", invitation: toInvitationView(invitation) });
        await audit.insert(
          {
            actorUserId: inviter.id,
            action: "invitation.created",
            targetType: "invitation",
            targetId: invitation.id,
            ip,
            after: { status: invitation.status },
          },
          trx,
        );
      }
      for (const invitation of changed) await this.announce(invitation, trx);
      return { results, quota: this.quota(inviter, settings.invitation_quota_per_user, used), created: changed.length };
    });
  }

  revoke(inviter: User, id: string, ip: string | null): Promise<InvitationView> {
    return this.revokeOpen(id, {
      actor: { id: inviter.id, ip },
      action: "invitation.revoked",
      // Someone else's invitation is as invisible as one that does not exist.
      visible: (invitation) => invitation.inviter_user_id === inviter.id,
    });
  }

  /** An admin withdraws anyone's open invitation; the inviter hears of it unless it was their own. */
  revokeAsAdmin(id: string, actor: Actor): Promise<InvitationView> {
    return this.revokeOpen(id, {
      actor,
      action: "invitation.revoked_by_admin",
      visible: () => true,
      after: async (invitation, trx) => {
        if (invitation.inviter_user_id === actor.id) return;
        await this.deps.notifications.notify(
          invitation.inviter_user_id,
          "invitation.revoked_by_admin",
          {
            title: "Invitation revoked",
            body: `An administrator revoked your invitation to ${invitation.invitee_email}.`,
            link: "/profile/invitations",
          },
          trx,
        );
      },
    });
  }

  async listAll(query: z.output<typeof AdminInvitationQuerySchema>): Promise<AdminInvitationList> {
    const { items, total } = await this.deps.invitations.listAll({
      status: query.status,
      query: query.query || undefined,
      limit: query.page_size,
      offset: (query.page - 1) * query.page_size,
    });
    return {
      items: items.map((row) => ({
        ...toInvitationView(row),
        inviter: { id: row.inviter_user_id, email: row.inviter_email, display_name: row.inviter_display_name },
      })),
      total,
      page: query.page,
      page_size: query.page_size,
    };
  }

  /** Revokes an open invitation: its registration link stops working and the quota slot comes back. */
  private revokeOpen(
    id: string,
    how: {
      actor: Actor;
      action: string;
      visible: (invitation: Invitation) => boolean;
      after?: (invitation: Invitation, trx: Db) => Promise<void>;
    },
  ): Promise<InvitationView> {
    const { db, invitations, registrationTokens, audit } = this.deps;
    return db.transaction().execute(async (trx) => {
      const invitation = await invitations.findById(id, trx);
      if (!invitation || !how.visible(invitation)) throw AppError.notFound("No such invitation.");
      if (!(OPEN_STATUSES as readonly string[]).includes(invitation.status)) {
        throw AppError.conflict(
          `This invitation is ${invitation.status} and can no longer be revoked.`,
          "invalid_state",
        );
      }
      if (invitation.registration_token_id) await registrationTokens.invalidate(invitation.registration_token_id, trx);
      const updated = await invitations.update(id, { status: "revoked" }, trx);
      await audit.insert(
        {
          actorUserId: how.actor.id,
          action: how.action,
          targetType: "invitation",
          targetId: id,
          ip: how.actor.ip,
          before: { status: invitation.status },
          after: { status: "revoked" },
        },
        trx,
      );
      await how.after?.(updated, trx);
      await this.announce(updated, trx);
      return toInvitationView(updated);
    });
  }

  /** In the registration's transaction: the invitations to this email are accepted, and each inviter hears of it. */
  async acceptFor(newUser: User, trx: Db): Promise<void> {
    for (const invitation of await this.deps.invitations.acceptAllFor(newUser.email, trx)) {
      await this.deps.notifications.notify(
        invitation.inviter_user_id,
        "invitation.accepted",
        {
          title: "Invitation accepted",
          body: `${newUser.email} joined Chat3D from your invitation.`,
          link: "/profile/invitations",
        },
        trx,
      );
      await this.announce(invitation, trx);
    }
  }

  /** Sends the email the policy calls for and records where the invitation stands. */
  private async deliver(
    inviter: User,
    invitation: Invitation,
    waitlistRequired: boolean,
    trx: Db,
  ): Promise<Invitation> {
    const { users, invitations, waitlist, registrationTokens, mailer, appBaseUrl } = this.deps;
    const email = invitation.invitee_email;
    // The status an unknown address would get, so inviting never reveals who already has an account.
    const shownStatus = waitlistRequired ? "waitlisted" : "registration_sent";
    if (await users.findByEmail(email, trx)) {
      await mailer.send(
        "invitation_existing_account",
        email,
        { link: appLink(appBaseUrl, "/login"), invited_by: inviterName(inviter) },
        `invitation_existing:${invitation.id}:${invitation.updated_at.getTime()}`,
        trx,
      );
      return invitations.update(invitation.id, { status: shownStatus }, trx);
    }
    if (waitlistRequired) {
      await waitlist.join({ email, marketing_consent: false }, inviterName(inviter), trx);
      return invitations.update(invitation.id, { status: shownStatus }, trx);
    }
    const source = inviter.role === "admin" ? "admin_invite" : "user_invite";
    const { id: tokenId, token } = await registrationTokens.issue(email, source, inviter.id, trx);
    await mailer.send(
      "invitation_registration",
      email,
      {
        link: appLink(appBaseUrl, "/register", { token, email }),
        invited_by: inviterName(inviter),
        ttl_days: REGISTRATION_TOKEN_TTL_DAYS,
      },
      `invitation_registration:${tokenId}`,
      trx,
    );
    return invitations.update(invitation.id, { status: shownStatus, registration_token_id: tokenId }, trx);
  }

  private async announce(invitation: Invitation, trx: Db) {
    await this.deps.events.publish(
      {
        type: "invitation.updated",
        audience: { userId: invitation.inviter_user_id },
        payload: toInvitationView(invitation),
      },
      trx,
    );
  }

  private quota(user: User, perUser: number, used: number) {
    if (user.role === "admin") return { limit: null, used, remaining: null };
    return { limit: perUser, used, remaining: Math.max(0, perUser - used) };
  }
}
