import { AdminUserSchema, type AdminUser, type AdminUserListItem, type User } from "@chat3d/shared";
import type { ServerResponse } from "node:http";
import { sendError, type RouteHandler } from "./api-server";
import { sendJson } from "./test-server";

let sequence = 0;

/** A distinct, valid uuid per call, so fixtures never collide. */
export function uuid(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`;
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: uuid(),
    email: "ada@example.com",
    display_name: "Ada Lovelace",
    role: "user",
    status: "active",
    email_confirmed: true,
    created_at: "2026-01-15T10:00:00.000Z",
    ...overrides,
  };
}

/** A user as the admin users list shows them (an `AdminUser` with this month's usage). */
export function makeAdminUser(overrides: Partial<AdminUserListItem> = {}): AdminUserListItem {
  return {
    ...makeUser(),
    usage: { queries_this_month: 0, renders_this_month: 0, cost_this_month_usd: 0 },
    updated_at: "2026-01-15T10:00:00.000Z",
    deactivated_until: null,
    daily_query_limit: null,
    monthly_cost_cap_usd: null,
    deleted_at: null,
    ...overrides,
  };
}

/** A user as the admin's changes to them answer (`{ user }`): the list row without its usage (zod drops it). */
export const adminUserOf = (item: AdminUserListItem): AdminUser => AdminUserSchema.parse(item);

export function sendAuth(res: ServerResponse, user: User, status = 200) {
  sendJson(res, status, { user, access_token: "header.payload.signature", expires_in: 900 });
}

/**
 * `GET /api/auth/me` and `POST /api/auth/refresh` for a session held by `session.user` (null: nobody is signed
 * in, so both answer 401 the way the API does).
 */
export function sessionRoutes(session: { user: User | null }): Record<string, RouteHandler> {
  return {
    "GET /api/auth/me": (_request, res) =>
      session.user
        ? sendJson(res, 200, { user: session.user })
        : sendError(res, 401, "unauthorized", "Sign in to continue."),
    "POST /api/auth/refresh": (_request, res) =>
      session.user
        ? sendAuth(res, session.user)
        : sendError(res, 401, "unauthorized", "Your session has ended. Sign in again."),
  };
}
