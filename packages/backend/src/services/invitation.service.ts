import type { CreateInvitationsResponse, Invitation as InvitationView, InvitationList } from "@chat3d/shared";
import type { Db } from "../db/database.js";
import type { Invitation, User } from "../db/schema.js";
import { AppError } from "../errors.js";
import { appLink } from "../lib/links.js";
import type { AppSettingsRepository } from "../repositories/app-settings.repository.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import { OPEN_STATUSES, type InvitationRepository } from "../repositories/invitation.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
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
export class InvitationService {
  constructor(
    private readonly db: Db,
    private readonly invitations: InvitationRepository,
    private readonly users: UserRepository,
    private readonly settings: AppSettingsRepository,
    private readonly registrationTokens: RegistrationTokenService,
    private readonly waitlist: WaitlistService,
    private readonly audit: AuditLogRepository,
    private readonly mailer: Mailer,
    private readonly events: EventService,
    private readonly notifications: NotificationService,
    private readonly appBaseUrl: string,
  ) {}

  async list(user: User): Promise<InvitationList> {
    const [items, settings, used] = await Promise.all([
      this.invitations.listByInviter(user.id),
      this.settings.get(),
      this.invitations.countCounted(user.id),
    ]);
    return {
      items: items.map(toInvitationView),
      quota: this.quota(user, settings.invitation_quota_per_user, used),
      invitations_enabled: settings.invitations_enabled,
      waitlist_required: settings.invitation_waitlist_required,
    };
  }

  async invite(inviter: User, emails: string[], ip: string | null): Promise<CreateInvitationsResponse> {
    const { results, changed, quota } = await this.db.transaction().execute(async (trx) => {
      const settings = await this.settings.get(trx);
      if (!settings.invitations_enabled) throw AppError.forbidden("Invitations are turned off on this server.");
      await this.invitations.lockInviter(inviter.id, trx);
      let used = await this.invitations.countCounted(inviter.id, trx);
      const limit = inviter.role === "admin" ? null : settings.invitation_quota_per_user;
      const results: CreateInvitationsResponse["results"] = [];
      const changed: Invitation[] = [];

      for (const email of emails) {
        const existing = await this.invitations.findForInviter(inviter.id, email, trx);
        if (existing && existing.status !== "revoked") {
          results.push({ email, outcome: "already_invited", invitation: toInvitationView(existing) });
          continue;
        }
        if (limit !== null && used >= limit) {
          results.push({ email, outcome: "quota_exceeded" });
          continue;
        }
        const invitation = await this.deliver(inviter, await this.invitations.upsert(inviter.id, email, trx), settings.invitation_waitlist_required, trx);
        used += 1;
        changed.push(invitation);
        results.push({ email, outcome: "invited", invitation: toInvitationView(invitation) });
        await this.audit.insert(
          { actorUserId: inviter.id, action: "invitation.created", targetType: "invitation", targetId: invitation.id, ip, after: { status: invitation.status } },
          trx,
        );
      }
      return { results, changed, quota: this.quota(inviter, settings.invitation_quota_per_user, used) };
    });
    await Promise.all(changed.map((i) => this.announce(i)));
    return { results, quota };
  }

  async revoke(inviter: User, id: string, ip: string | null): Promise<InvitationView> {
    const revoked = await this.db.transaction().execute(async (trx) => {
      const invitation = await this.invitations.findById(id, trx);
      // Someone else's invitation is as invisible as one that does not exist.
      if (!invitation || invitation.inviter_user_id !== inviter.id) throw AppError.notFound("No such invitation.");
      if (!(OPEN_STATUSES as readonly string[]).includes(invitation.status)) {
        throw AppError.conflict(`This invitation is ${invitation.status} and can no longer be revoked.`, "invalid_state");
      }
      if (invitation.registration_token_id) await this.registrationTokens.invalidate(invitation.registration_token_id, trx);
      const updated = await this.invitations.update(id, { status: "revoked" }, trx);
      await this.audit.insert(
        { actorUserId: inviter.id, action: "invitation.revoked", targetType: "invitation", targetId: id, ip, before: { status: invitation.status }, after: { status: "revoked" } },
        trx,
      );
      return updated;
    });
    await this.announce(revoked);
    return toInvitationView(revoked);
  }

  /** Called in the registration's transaction: the invitations to this email are accepted. */
  acceptFor(email: string, trx: Db): Promise<Invitation[]> {
    return this.invitations.acceptAllFor(email, trx);
  }

  /** After the registration commits: each inviter hears about it. */
  async announceAccepted(accepted: Invitation[], newUser: User): Promise<void> {
    for (const invitation of accepted) {
      await this.announce(invitation);
      await this.notifications.notify(invitation.inviter_user_id, "invitation.accepted", {
        title: "Invitation accepted",
        body: `${newUser.email} joined Chat3D from your invitation.`,
        link: "/profile/invitations",
      });
    }
  }

  /** Sends the email the policy calls for and records where the invitation stands. */
  private async deliver(inviter: User, invitation: Invitation, waitlistRequired: boolean, trx: Db): Promise<Invitation> {
    const email = invitation.invitee_email;
    if (await this.users.findByEmail(email, trx)) {
      await this.mailer.send(
        "invitation_existing_account",
        email,
        { link: appLink(this.appBaseUrl, "/login"), invited_by: inviterName(inviter) },
        `invitation_existing:${invitation.id}:${invitation.updated_at.getTime()}`,
        trx,
      );
      // Shown to the inviter like any sent invitation, so inviting never reveals who already has an account.
      return this.invitations.update(invitation.id, { status: "registration_sent" }, trx);
    }
    if (waitlistRequired) {
      await this.waitlist.join({ email, marketing_consent: false }, inviterName(inviter), trx);
      return this.invitations.update(invitation.id, { status: "waitlisted" }, trx);
    }
    const source = inviter.role === "admin" ? "admin_invite" : "user_invite";
    const { id: tokenId, token } = await this.registrationTokens.issue(email, source, inviter.id, trx);
    await this.mailer.send(
      "invitation_registration",
      email,
      { link: appLink(this.appBaseUrl, "/register", { token, email }), invited_by: inviterName(inviter), ttl_days: REGISTRATION_TOKEN_TTL_DAYS },
      `invitation_registration:${tokenId}`,
      trx,
    );
    return this.invitations.update(invitation.id, { status: "registration_sent", registration_token_id: tokenId }, trx);
  }

  private async announce(invitation: Invitation) {
    await this.events.publish({
      type: "invitation.updated",
      audience: { userId: invitation.inviter_user_id },
      payload: toInvitationView(invitation),
    });
  }

  private quota(user: User, perUser: number, used: number) {
    if (user.role === "admin") return { limit: null, used, remaining: null };
    return { limit: perUser, used, remaining: Math.max(0, perUser - used) };
  }
}
