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
    updated_at: s.updated_at.toISOString(),
    updated_by: s.updated_by,
  };
}

export class SettingsService {
  constructor(
    private readonly db: Db,
    private readonly settings: AppSettingsRepository,
    private readonly audit: AuditLogRepository,
    private readonly events: EventService,
  ) {}

  async get(): Promise<AppSettingsView> {
    return toSettingsView(await this.settings.get());
  }

  async update(patch: AppSettingsPatch, actor: { id: string; ip: string | null }): Promise<AppSettingsView> {
    const updated = await this.db.transaction().execute(async (trx) => {
      const before = toSettingsView(await this.settings.getForUpdate(trx));
      const after = toSettingsView(await this.settings.update(patch, actor.id, trx));
      await this.audit.insert(
        { actorUserId: actor.id, action: "settings.updated", targetType: "app_settings", before, after, ip: actor.ip },
        trx,
      );
      return after;
    });
    await this.events.publish({ type: "admin.settings.updated", audience: { admins: true }, payload: updated });
    return updated;
  }
}
