import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import type { JobQueue } from "../jobs/queue.js";
import { UNCONFIRMED_ACCOUNT_DAYS } from "@chat3d/shared";
import { addDays, type Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { AccountActionRepository } from "../repositories/account-action.repository.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";
import type { ChatContextRepository } from "../repositories/chat-context.repository.js";
import type { DataExportRepository } from "../repositories/data-export.repository.js";
import type { EmailDeliveryRepository } from "../repositories/email-delivery.repository.js";
import type { EventLogRepository } from "../repositories/event-log.repository.js";
import type { FileRepository } from "../repositories/file.repository.js";
import type { InvitationRepository } from "../repositories/invitation.repository.js";
import type { NotificationRepository } from "../repositories/notification.repository.js";
import type { RegistrationTokenRepository } from "../repositories/registration-token.repository.js";
import type { SessionRepository } from "../repositories/session.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import type { WaitlistRepository } from "../repositories/waitlist.repository.js";
import { exportKey } from "./data-export.service.js";
import type { EventService } from "./event.service.js";

export interface AccountSweepDeps {
  db: Db;
  users: UserRepository;
  contexts: ChatContextRepository;
  files: FileRepository;
  exports: DataExportRepository;
  notifications: NotificationRepository;
  invitations: InvitationRepository;
  registrationTokens: RegistrationTokenRepository;
  sessions: SessionRepository;
  actions: AccountActionRepository;
  eventLog: EventLogRepository;
  waitlist: WaitlistRepository;
  deliveries: EmailDeliveryRepository;
  audit: AuditLogRepository;
  jobs: JobQueue;
  events: EventService;
  clock: Clock;
  logger: Logger;
}

/**
 * After the grace period (or when an open sign-up stayed unconfirmed for UNCONFIRMED_ACCOUNT_DAYS), deletes what
 * an account holds and anonymises its row, per docs/operations/retention.md. One account per transaction, claimed with SKIP LOCKED: sweeps on several
 * workers share the accounts, an account is handled once, and a sweep that finds nothing changes nothing.
 */
export class AccountSweepService {
  constructor(private readonly deps: AccountSweepDeps) {}

  async run(): Promise<{ anonymised: number }> {
    let anonymised = 0;
    while (await this.deps.db.transaction().execute((trx) => this.sweepOne(trx))) anonymised += 1;
    this.deps.logger.info({ anonymised }, "account deletion sweep finished");
    return { anonymised };
  }

  private async sweepOne(trx: Db): Promise<boolean> {
    const d = this.deps;
    const now = d.clock.now();
    // Past the deletion window, or an open sign-up that never confirmed its address.
    const user =
      (await d.users.claimDueForDeletion(now, trx)) ??
      (await d.users.claimUnconfirmedSince(addDays(now, -UNCONFIRMED_ACCOUNT_DAYS), trx));
    if (!user) return false;
    const reason = user.status === "deactivated" ? "deletion_window_over" : "email_never_confirmed";
    const fileKeys = await d.files.deleteAllOfOwner(user.id, trx);
    const exportIds = await d.exports.deleteAllOf(user.id, trx);
    const removed = {
      files: fileKeys.length,
      exports: exportIds.length,
      chats: await d.contexts.deleteAllOfOwner(user.id, trx),
      notifications: await d.notifications.deleteAllOf(user.id, trx),
      invitations: await d.invitations.deleteAllByInviter(user.id, trx),
      registration_links: await d.registrationTokens.deleteUnconsumedBy(user.id, trx),
      sessions: await d.sessions.deleteAllOf(user.id, trx),
      account_links: await d.actions.deleteAllOf(user.id, trx),
      events: await d.eventLog.deleteAllOf(user.id, trx),
      waitlist_entries: await d.waitlist.deleteByEmail(user.email, trx),
      email_records: await d.deliveries.deleteByRecipient(user.email, trx),
    };
    await d.audit.scrubPersonalData(user.id, trx);
    const after = await d.users.anonymise(user.id, now, trx);
    await d.audit.insert(
      {
        actorUserId: null,
        action: "account.anonymised",
        targetType: "user",
        targetId: user.id,
        after: { reason, ...removed },
      },
      trx,
    );
    const keys = [...fileKeys, ...exportIds.map(exportKey)];
    if (keys.length) await d.jobs.enqueue("storage.delete", { keys }, { trx });
    await this.announce(after, trx);
    d.logger.info({ userId: user.id, reason, ...removed }, "account anonymised");
    return true;
  }

  private async announce(user: User, trx: Db) {
    await this.deps.events.publish(
      {
        type: "account.status.changed",
        audience: { admins: true },
        payload: { user_id: user.id, status: user.status, role: user.role, changed_by: null },
      },
      trx,
    );
  }
}
