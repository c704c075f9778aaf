import type { AppSettings as AppSettingsView, AppSettingsPatch } from "@chat3d/shared";
import type { Db } from "../db/database.js";
import type { AppSettings } from "../db/schema.js";
import type { EventService } from "./event.service.js";
import type { AppSettingsRepository } from "../repositories/app-settings.repository.js";
import type { AuditLogRepository } from "../repositories/audit-log.repository.js";

export function toSettingsView(s: AppSettings): AppSettingsView {
  return {
    waitlist_enabled: s.waitlist_enabled,
    invitations_enabled: s.invitations_enabled,
    invitation_waitlist_required: s.invitation_waitlist_required,
    invitation_quota_per_user: s.invitation_quota_per_user,
    daily_query_limit: s.daily_query_limit,
    monthly_cost_cap_usd: s.monthly_cost_cap_usd === null ? null : Number(s.monthly_cost_cap_usd),
    updated_at: s.updated_at.toISOString(),
    updated_by: s.updated_by,
  };
}

export interface SettingsServiceDeps {
  db: Db;
  settings: AppSettingsRepository;
  audit: AuditLogRepository;
  events: EventService;
}

export class SettingsService {
  constructor(private readonly deps: SettingsServiceDeps) {}

  async get(): Promise<AppSettingsView> {
    return toSettingsView(await this.deps.settings.get());
  }

  update(patch: AppSettingsPatch, actor: { id: string; ip: string | null }): Promise<AppSettingsView> {
    const { db, settings, audit, events } = this.deps;
    return db.transaction().execute(async (trx) => {
      const before = toSettingsView(await settings.getForUpdate(trx));
      const after = toSettingsView(await settings.update(patch, actor.id, trx));
      await audit.insert(
        { actorUserId: actor.id, action: "settings.updated", targetType: "app_settings", before, after, ip: actor.ip },
        trx,
      );
      await events.publish({ type: "admin.settings.updated", audience: { admins: true }, payload: after }, trx);
      return after;
    });
  }
}
