import type { AdminUser, User as UserView } from "@chat3d/shared";
import type { User } from "../db/schema.js";

/** The only shapes in which a user row leaves the server: never the password hash. */
export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    display_name: user.display_name,
    role: user.role,
    status: user.status,
    email_confirmed: user.email_confirmed_at !== null,
    created_at: user.created_at.toISOString(),
  };
}

export function toAdminUserView(user: User): AdminUser {
  return {
    ...toUserView(user),
    updated_at: user.updated_at.toISOString(),
    deactivated_until: user.deactivated_until?.toISOString() ?? null,
    daily_query_limit: user.daily_query_limit,
    monthly_cost_cap_usd: user.monthly_cost_cap_usd === null ? null : Number(user.monthly_cost_cap_usd),
    deleted_at: user.deleted_at?.toISOString() ?? null,
  };
}
