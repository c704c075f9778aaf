import { AccessTokens } from "../lib/access-tokens.js";
import { AccessTokenRepository } from "../repositories/access-token.repository.js";
import { AccessTokenService } from "../services/access-token.service.js";
import { AccountActionRepository } from "../repositories/account-action.repository.js";
import { DataExportRepository } from "../repositories/data-export.repository.js";
import { InvitationRepository } from "../repositories/invitation.repository.js";
import { JobRepository } from "../repositories/job.repository.js";
import { RegistrationTokenRepository } from "../repositories/registration-token.repository.js";
import { SessionRepository } from "../repositories/session.repository.js";
import { WaitlistRepository } from "../repositories/waitlist.repository.js";
import { AccountActionService } from "../services/account-action.service.js";
import { AccountSweepService } from "../services/account-sweep.service.js";
import { AdminUserService } from "../services/admin-user.service.js";
import { AuthService } from "../services/auth.service.js";
import { BootstrapService } from "../services/bootstrap.service.js";
import { DataExportService } from "../services/data-export.service.js";
import { InvitationService } from "../services/invitation.service.js";
import { JobAdminService } from "../services/job-admin.service.js";
import { ProfileService } from "../services/profile.service.js";
import { RegistrationTokenService } from "../services/registration-token.service.js";
import { SettingsService } from "../services/settings.service.js";
import { WaitlistService } from "../services/waitlist.service.js";
import type { ChatDomain } from "./chat.js";
import type { FilesDomain } from "./files.js";
import type { Platform } from "./platform.js";

export const ACCESS_TOKEN_TTL_S = 15 * 60;

/** People and their accounts: sign-in, the waitlist, invitations, confirmed actions, exports and the deletion sweep. */
export function wireAccounts(platform: Platform, files: FilesDomain, chat: ChatDomain) {
  const { db, config, logger, clock, jobs, events, mailer, storage, users, audit, notifications, notificationRows } =
    platform;
  const sessions = new SessionRepository(db);
  const invitationRows = new InvitationRepository(db);
  const exportRows = new DataExportRepository(db);
  const actionRows = new AccountActionRepository(db);
  const waitlistRows = new WaitlistRepository(db);
  const registrationTokenRows = new RegistrationTokenRepository(db);
  const appBaseUrl = config.APP_BASE_URL;

  const exports = new DataExportService({
    db,
    exports: exportRows,
    users,
    contexts: chat.contexts,
    items: chat.items,
    versions: chat.versionRows,
    files: files.rows,
    invitations: invitationRows,
    notificationRows,
    notifications,
    storage,
    jobs,
    mailer,
    clock,
    logger,
    appBaseUrl,
  });
  const accountActions = new AccountActionService({
    db,
    actions: actionRows,
    users,
    sessions,
    audit,
    mailer,
    jobs,
    events,
    notifications,
    exports,
    clock,
    appBaseUrl,
  });
  const accountSweep = new AccountSweepService({
    db,
    users,
    contexts: chat.contexts,
    files: files.rows,
    exports: exportRows,
    notifications: notificationRows,
    invitations: invitationRows,
    registrationTokens: registrationTokenRows,
    sessions,
    actions: actionRows,
    eventLog: platform.eventLog,
    waitlist: waitlistRows,
    deliveries: platform.emailDeliveries,
    audit,
    jobs,
    events,
    clock,
    logger,
  });
  const registrationTokens = new RegistrationTokenService(registrationTokenRows);
  const waitlist = new WaitlistService({
    db,
    entries: waitlistRows,
    users,
    registrationTokens,
    audit,
    mailer,
    events,
    notifications,
    appBaseUrl,
  });
  const invitations = new InvitationService({
    db,
    invitations: invitationRows,
    users,
    settings: platform.settings,
    registrationTokens,
    waitlist,
    audit,
    mailer,
    events,
    notifications,
    appBaseUrl,
  });
  const auth = new AuthService({
    db,
    users,
    sessions,
    registrationTokens: registrationTokenRows,
    settings: platform.settings,
    audit,
    accessTokens: new AccessTokens(config.JWT_SECRET, ACCESS_TOKEN_TTL_S),
    events,
    invitations,
    accountActions,
    sessionTtlDays: config.SESSION_TTL_DAYS,
    clock,
    logger,
  });
  return {
    tokens: new AccessTokenService({ db, tokens: new AccessTokenRepository(db), users, audit, events, clock }),
    bootstrap: new BootstrapService({ users, settings: platform.settings, logger }),
    auth,
    adminUsers: new AdminUserService({
      db,
      users,
      sessions,
      audit,
      accountActions,
      events,
      notifications,
      queries: chat.queryRows,
      versions: chat.versionRows,
      clock,
    }),
    settings: new SettingsService({ db, settings: platform.settings, audit, events }),
    waitlist,
    invitations,
    jobAdmin: new JobAdminService({ jobs: new JobRepository(db), queue: jobs, audit }),
    accountActions,
    profile: new ProfileService({ db, users, sessions, audit, events, notifications, clock }),
    exports,
    accountSweep,
  };
}
