import type { Db } from "../db/database.js";
import { generateToken } from "../lib/tokens.js";
import type { RegistrationTokenRepository } from "../repositories/registration-token.repository.js";

export const REGISTRATION_TOKEN_TTL_DAYS = 7;

/** Issues single-use registration tokens bound to one email; only the hash is stored. */
export class RegistrationTokenService {
  constructor(private readonly tokens: RegistrationTokenRepository) {}

  async issue(
    email: string,
    source: "waitlist" | "admin_invite" | "user_invite",
    invitedBy: string | null,
    trx: Db,
  ): Promise<{ id: string; token: string }> {
    const { token, hash } = generateToken();
    const id = await this.tokens.create(
      {
        hash,
        email,
        source,
        invitedBy,
        expiresAt: new Date(Date.now() + REGISTRATION_TOKEN_TTL_DAYS * 86_400_000),
      },
      trx,
    );
    return { id, token };
  }

  invalidate(id: string, trx: Db): Promise<void> {
    return this.tokens.invalidate(id, trx);
  }
}
