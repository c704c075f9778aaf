import type { Logger } from "../lib/logger.js";
import { generatePassword, hashPassword } from "../lib/password.js";
import type { AppSettingsRepository } from "../repositories/app-settings.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";

export interface AdminSeed {
  email: string;
  password: string | undefined;
}

export interface BootstrapServiceDeps {
  users: UserRepository;
  settings: AppSettingsRepository;
  logger: Logger;
}

/** Makes a fresh database usable: the settings row and the first admin. Safe to run on every start. */
export class BootstrapService {
  constructor(private readonly deps: BootstrapServiceDeps) {}

  async run(admin: AdminSeed): Promise<{ adminCreated: boolean; generatedPassword?: string }> {
    await this.deps.settings.ensureRow();
    if (await this.deps.users.findByEmail(admin.email)) return { adminCreated: false };

    const password = admin.password ?? generatePassword();
    const created = await this.deps.users.insertIfAbsent({
      email: admin.email,
      password_hash: await hashPassword(password),
      display_name: "Administrator",
      role: "admin",
      // The operator chose this address; no link is needed to prove it.
      email_confirmed_at: new Date(),
    });
    if (!created) return { adminCreated: false };

    this.deps.logger.info({ email: admin.email }, "created the admin account");
    return admin.password ? { adminCreated: true } : { adminCreated: true, generatedPassword: password };
  }
}
