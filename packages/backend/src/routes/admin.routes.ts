import {
  AdminInvitationListSchema,
  AdminInvitationQuerySchema,
  AdminUserListQuerySchema,
  AdminUserListSchema,
  AdminUserSchema,
  AdminWaitlistListSchema,
  AdminWaitlistQuerySchema,
  AppSettingsPatchSchema,
  AppSettingsSchema,
  AuditLogListSchema,
  AuditLogQuerySchema,
  FailedJobListSchema,
  IdParamSchema,
  InvitationSchema,
  PageQuerySchema,
  UserLimitsPatchSchema,
  QueuedSchema,
  WaitlistBulkRequestSchema,
  WaitlistBulkResponseSchema,
  WaitlistEntrySchema,
} from "@chat3d/shared";
import { z } from "zod";
import { RATE_LIMITS, byIp } from "../lib/rate-limits.js";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { AdminUserService } from "../services/admin-user.service.js";
import type { InvitationService } from "../services/invitation.service.js";
import type { JobAdminService } from "../services/job-admin.service.js";
import type { SettingsService } from "../services/settings.service.js";
import type { WaitlistService } from "../services/waitlist.service.js";

export interface AdminServices {
  users: AdminUserService;
  settings: SettingsService;
  waitlist: WaitlistService;
  jobs: JobAdminService;
  invitations: InvitationService;
}

const actor = (ctx: { user: { id: string }; ip: string | null }) => ({ id: ctx.user.id, ip: ctx.ip });
const UserBody = z.object({ user: AdminUserSchema });
const SettingsBody = z.object({ settings: AppSettingsSchema });
const EntryBody = z.object({ entry: WaitlistEntrySchema });
const InvitationBody = z.object({ invitation: InvitationSchema });

export function adminRoutes(
  { users, settings, waitlist, jobs, invitations }: AdminServices,
  deps: RouteTableDeps,
): RouteTable {
  return new RouteTable("/api/admin", { tag: "admin", access: "admin" }, deps)
    .add({
      method: "get",
      path: "/users",
      summary: "Search users",
      query: AdminUserListQuerySchema,
      responses: { 200: AdminUserListSchema },
      handle: ({ query }) => users.list(query),
    })
    .add({
      method: "patch",
      path: "/users/:id/activate",
      summary: "Activate a user",
      params: IdParamSchema,
      responses: { 200: UserBody, 404: "no such user" },
      handle: async (ctx) => ({ user: await users.activate(ctx.params.id, actor(ctx)) }),
    })
    .add({
      method: "patch",
      path: "/users/:id/deactivate",
      summary: "Deactivate a user and end their sessions",
      params: IdParamSchema,
      responses: { 200: UserBody, 404: "no such user", 409: "own account" },
      handle: async (ctx) => ({ user: await users.deactivate(ctx.params.id, actor(ctx)) }),
    })
    .add({
      method: "patch",
      path: "/users/:id/limits",
      summary: "Set one person's AI limits (questions a day, cost a month); null means the server's defaults",
      params: IdParamSchema,
      body: UserLimitsPatchSchema,
      responses: { 200: UserBody, 404: "no such user" },
      handle: async (ctx) => ({ user: await users.setLimits(ctx.params.id, ctx.body, actor(ctx)) }),
    })
    .add({
      method: "post",
      path: "/users/:id/reset-password",
      summary: "Email the user a password reset link",
      params: IdParamSchema,
      limits: [
        { spec: RATE_LIMITS.adminResetPerUser, key: ({ params }) => params.id },
        { spec: RATE_LIMITS.adminResetPerIp, key: byIp },
      ],
      responses: { 202: QueuedSchema, 404: "no such user", 409: "not active", 429: "rate limited" },
      handle: async (ctx) => {
        await users.triggerPasswordReset(ctx.params.id, actor(ctx));
        return { status: "queued" };
      },
    })
    .add({
      method: "get",
      path: "/settings",
      summary: "Registration and invitation policy",
      responses: { 200: SettingsBody },
      handle: async () => ({ settings: await settings.get() }),
    })
    .add({
      method: "patch",
      path: "/settings",
      summary: "Change the policy",
      body: AppSettingsPatchSchema,
      responses: { 200: SettingsBody },
      handle: async (ctx) => ({ settings: await settings.update(ctx.body, actor(ctx)) }),
    })
    .add({
      method: "get",
      path: "/audit-log",
      summary: "Audit trail of admin and token actions",
      query: AuditLogQuerySchema,
      responses: { 200: AuditLogListSchema },
      handle: ({ query }) => users.auditLog(query),
    })
    .add({
      method: "get",
      path: "/waitlist",
      summary: "Waitlist entries",
      query: AdminWaitlistQuerySchema,
      responses: { 200: AdminWaitlistListSchema },
      handle: ({ query }) => waitlist.list(query),
    })
    .add({
      method: "patch",
      path: "/waitlist/:id/approve",
      summary: "Approve and send a registration link",
      params: IdParamSchema,
      responses: { 200: EntryBody, 404: "no such entry", 409: "wrong state" },
      handle: async (ctx) => ({ entry: await waitlist.approve(ctx.params.id, actor(ctx)) }),
    })
    .add({
      method: "patch",
      path: "/waitlist/:id/reject",
      summary: "Reject",
      params: IdParamSchema,
      responses: { 200: EntryBody, 404: "no such entry", 409: "wrong state" },
      handle: async (ctx) => ({ entry: await waitlist.reject(ctx.params.id, actor(ctx)) }),
    })
    .add({
      method: "post",
      path: "/waitlist/bulk",
      summary: "Approve or reject many",
      body: WaitlistBulkRequestSchema,
      responses: { 200: WaitlistBulkResponseSchema },
      handle: (ctx) => waitlist.bulk(ctx.body.action, ctx.body.ids, actor(ctx)),
    })
    .add({
      method: "get",
      path: "/invitations",
      summary: "Every invitation with its inviter",
      query: AdminInvitationQuerySchema,
      responses: { 200: AdminInvitationListSchema },
      handle: ({ query }) => invitations.listAll(query),
    })
    .add({
      method: "delete",
      path: "/invitations/:id",
      summary: "Revoke anyone's open invitation",
      params: IdParamSchema,
      responses: { 200: InvitationBody, 404: "no such invitation", 409: "not revocable" },
      handle: async (ctx) => ({ invitation: await invitations.revokeAsAdmin(ctx.params.id, actor(ctx)) }),
    })
    .add({
      method: "get",
      path: "/jobs/failed",
      summary: "Jobs that used up their retries",
      query: PageQuerySchema,
      responses: { 200: FailedJobListSchema },
      handle: ({ query }) => jobs.listFailed(query),
    })
    .add({
      method: "post",
      path: "/jobs/:id/retry",
      summary: "Run a failed job again",
      params: IdParamSchema,
      responses: { 202: QueuedSchema, 404: "not failed" },
      handle: async (ctx) => {
        await jobs.retry(ctx.params.id, actor(ctx));
        return { status: "queued" };
      },
    });
}
