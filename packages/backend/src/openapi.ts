import * as S from "@chat3d/shared";
import { z } from "zod";

interface Operation {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  auth?: "user" | "admin";
  query?: z.ZodObject;
  body?: z.ZodType;
  tokenHeader?: boolean;
  responses: Record<number, z.ZodType | string>;
}

const ok = z.object({ status: z.string() });
const op = (o: Operation) => o;

/** Every route of the API with the shared schemas it validates and answers with. */
export const OPERATIONS: Operation[] = [
  op({ method: "get", path: "/api/health", tag: "system", summary: "Liveness", responses: { 200: S.HealthSchema } }),
  op({
    method: "get",
    path: "/api/ready",
    tag: "system",
    summary: "Readiness of the database, Redis and the render service",
    responses: { 200: S.ReadinessSchema, 503: S.ReadinessSchema },
  }),
  op({
    method: "post",
    path: "/api/auth/register",
    tag: "auth",
    summary: "Create an account (a registration token is required while the waitlist is on)",
    body: S.RegisterRequestSchema,
    responses: {
      201: S.AuthResponseSchema,
      403: "waitlist on, no token",
      409: "email taken",
      422: "invalid registration token",
    },
  }),
  op({
    method: "post",
    path: "/api/auth/login",
    tag: "auth",
    summary: "Sign in; sets the session cookies",
    body: S.LoginRequestSchema,
    responses: { 200: S.AuthResponseSchema, 401: "invalid credentials", 429: "rate limited" },
  }),
  op({
    method: "post",
    path: "/api/auth/refresh",
    tag: "auth",
    summary: "Rotate the refresh token (cookie, or body for API clients)",
    body: S.RefreshRequestSchema,
    responses: { 200: S.AuthResponseSchema, 401: "session ended" },
  }),
  op({
    method: "post",
    path: "/api/auth/logout",
    tag: "auth",
    summary: "End the session and close its event streams",
    responses: { 204: "signed out" },
  }),
  op({
    method: "get",
    path: "/api/auth/me",
    tag: "auth",
    auth: "user",
    summary: "The signed-in user",
    responses: { 200: S.MeResponseSchema },
  }),
  op({
    method: "post",
    path: "/api/profile/reset-password/request",
    tag: "profile",
    summary: "Email a password reset link (same answer for every email)",
    body: S.PasswordResetRequestSchema,
    responses: { 202: ok },
  }),
  op({
    method: "get",
    path: "/api/profile/actions/confirm",
    tag: "profile",
    summary: "Preview what an email link will do",
    tokenHeader: true,
    responses: { 200: S.AccountActionPreviewSchema, 404: "unknown link" },
  }),
  op({
    method: "post",
    path: "/api/profile/actions/confirm",
    tag: "profile",
    summary: "Carry out an email link's action, once",
    body: S.ConfirmAccountActionRequestSchema,
    responses: { 200: z.object({ action: S.AccountActionPreviewSchema }), 409: "already used", 422: "expired" },
  }),
  op({
    method: "post",
    path: "/api/waitlist/join",
    tag: "waitlist",
    summary: "Join the waitlist (same answer for every email)",
    body: S.WaitlistJoinRequestSchema,
    responses: { 202: S.WaitlistJoinResponseSchema },
  }),
  op({
    method: "get",
    path: "/api/waitlist/confirm-email",
    tag: "waitlist",
    summary: "Preview an email confirmation link",
    tokenHeader: true,
    responses: { 200: S.WaitlistConfirmationPreviewSchema },
  }),
  op({
    method: "post",
    path: "/api/waitlist/confirm-email",
    tag: "waitlist",
    summary: "Confirm the email of a waitlist entry",
    body: S.EmailTokenSchema,
    responses: { 200: z.object({ entry: S.WaitlistEntrySchema }), 409: "already confirmed", 422: "invalid or expired" },
  }),
  op({
    method: "get",
    path: "/api/waitlist/status",
    tag: "waitlist",
    summary: "The status of the holder's entry, or a generic answer",
    tokenHeader: true,
    responses: { 200: S.WaitlistStatusResponseSchema },
  }),
  op({
    method: "get",
    path: "/api/invitations",
    tag: "invitations",
    auth: "user",
    summary: "My invitations and quota",
    responses: { 200: S.InvitationListSchema },
  }),
  op({
    method: "post",
    path: "/api/invitations",
    tag: "invitations",
    auth: "user",
    summary: "Invite one or more emails",
    body: S.CreateInvitationsRequestSchema,
    responses: { 201: S.CreateInvitationsResponseSchema, 403: "invitations off" },
  }),
  op({
    method: "delete",
    path: "/api/invitations/{id}",
    tag: "invitations",
    auth: "user",
    summary: "Revoke an open invitation",
    responses: { 200: z.object({ invitation: S.InvitationSchema }), 404: "not yours", 409: "not revocable" },
  }),
  op({
    method: "get",
    path: "/api/events/stream",
    tag: "events",
    auth: "user",
    summary: "Server-Sent Events: id/event/data frames, heartbeats, replay after Last-Event-ID",
    query: z.object({ lastEventId: z.string().optional() }),
    responses: { 200: "text/event-stream", 429: "too many streams" },
  }),
  op({
    method: "get",
    path: "/api/events/replay",
    tag: "events",
    auth: "user",
    summary: "Events after an id, or reset",
    query: S.ReplayQuerySchema,
    responses: { 200: S.ReplayResponseSchema },
  }),
  op({
    method: "get",
    path: "/api/notifications",
    tag: "notifications",
    auth: "user",
    summary: "My notifications, newest first",
    query: S.NotificationListQuerySchema,
    responses: { 200: S.NotificationListSchema },
  }),
  op({
    method: "get",
    path: "/api/notifications/unread-count",
    tag: "notifications",
    auth: "user",
    summary: "Unread count",
    responses: { 200: S.UnreadCountSchema },
  }),
  op({
    method: "post",
    path: "/api/notifications/{id}/read",
    tag: "notifications",
    auth: "user",
    summary: "Mark one read",
    responses: { 200: z.object({ notification: S.NotificationSchema }) },
  }),
  op({
    method: "post",
    path: "/api/notifications/read-all",
    tag: "notifications",
    auth: "user",
    summary: "Mark all read",
    responses: { 200: z.object({ updated: z.number().int() }) },
  }),
  op({
    method: "get",
    path: "/api/files/{area}/{name}",
    tag: "files",
    auth: "user",
    summary: "Download one of my files (ETag, attachment)",
    responses: { 200: "the file", 304: "not modified", 404: "not found" },
  }),
  op({
    method: "get",
    path: "/api/admin/users",
    tag: "admin",
    auth: "admin",
    summary: "Search users",
    query: S.AdminUserListQuerySchema,
    responses: { 200: S.AdminUserListSchema },
  }),
  op({
    method: "patch",
    path: "/api/admin/users/{id}/activate",
    tag: "admin",
    auth: "admin",
    summary: "Activate a user",
    responses: { 200: z.object({ user: S.AdminUserSchema }) },
  }),
  op({
    method: "patch",
    path: "/api/admin/users/{id}/deactivate",
    tag: "admin",
    auth: "admin",
    summary: "Deactivate a user and end their sessions",
    responses: { 200: z.object({ user: S.AdminUserSchema }), 409: "own account" },
  }),
  op({
    method: "post",
    path: "/api/admin/users/{id}/reset-password",
    tag: "admin",
    auth: "admin",
    summary: "Email the user a password reset link",
    responses: { 202: ok },
  }),
  op({
    method: "get",
    path: "/api/admin/settings",
    tag: "admin",
    auth: "admin",
    summary: "Registration and invitation policy",
    responses: { 200: z.object({ settings: S.AppSettingsSchema }) },
  }),
  op({
    method: "patch",
    path: "/api/admin/settings",
    tag: "admin",
    auth: "admin",
    summary: "Change the policy",
    body: S.AppSettingsPatchSchema,
    responses: { 200: z.object({ settings: S.AppSettingsSchema }) },
  }),
  op({
    method: "get",
    path: "/api/admin/audit-log",
    tag: "admin",
    auth: "admin",
    summary: "Audit trail of admin and token actions",
    query: S.AuditLogQuerySchema,
    responses: { 200: S.AuditLogListSchema },
  }),
  op({
    method: "get",
    path: "/api/admin/waitlist",
    tag: "admin",
    auth: "admin",
    summary: "Waitlist entries",
    query: S.AdminWaitlistQuerySchema,
    responses: { 200: S.AdminWaitlistListSchema },
  }),
  op({
    method: "patch",
    path: "/api/admin/waitlist/{id}/approve",
    tag: "admin",
    auth: "admin",
    summary: "Approve and send a registration link",
    responses: { 200: z.object({ entry: S.WaitlistEntrySchema }), 409: "wrong state" },
  }),
  op({
    method: "patch",
    path: "/api/admin/waitlist/{id}/reject",
    tag: "admin",
    auth: "admin",
    summary: "Reject",
    responses: { 200: z.object({ entry: S.WaitlistEntrySchema }), 409: "wrong state" },
  }),
  op({
    method: "post",
    path: "/api/admin/waitlist/bulk",
    tag: "admin",
    auth: "admin",
    summary: "Approve or reject many",
    body: S.WaitlistBulkRequestSchema,
    responses: { 200: S.WaitlistBulkResponseSchema },
  }),
  op({
    method: "get",
    path: "/api/admin/jobs/failed",
    tag: "admin",
    auth: "admin",
    summary: "Jobs that used up their retries",
    query: S.PageQuerySchema,
    responses: { 200: S.FailedJobListSchema },
  }),
  op({
    method: "post",
    path: "/api/admin/jobs/{id}/retry",
    tag: "admin",
    auth: "admin",
    summary: "Run a failed job again",
    responses: { 202: ok, 404: "not failed" },
  }),
];

const jsonSchema = (schema: z.ZodType, io: "input" | "output") => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

/** The OpenAPI 3.1 document, generated from the same zod schemas the API validates with. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorBody = { "application/json": { schema: jsonSchema(S.ApiErrorSchema, "output") } };
  for (const o of OPERATIONS) {
    const params = [
      ...[...o.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
      ...Object.entries(o.query ? (jsonSchema(o.query, "input").properties as Record<string, unknown>) : {}).map(
        ([name, schema]) => ({ name, in: "query", required: false, schema }),
      ),
      ...(o.tokenHeader ? [{ name: "X-Chat3D-Token", in: "header", required: true, schema: { type: "string" } }] : []),
    ];
    const responses = Object.fromEntries(
      Object.entries(o.responses).map(([status, r]) => [
        status,
        typeof r === "string"
          ? { description: r, ...(Number(status) >= 400 && { content: errorBody }) }
          : { description: "OK", content: { "application/json": { schema: jsonSchema(r, "output") } } },
      ]),
    );
    responses["400"] ??= { description: "invalid input", content: errorBody };
    if (o.auth) responses["401"] ??= { description: "not signed in", content: errorBody };
    if (o.auth === "admin") responses["403"] ??= { description: "not an admin", content: errorBody };
    (paths[o.path] ??= {})[o.method] = {
      tags: [o.tag],
      summary: o.summary,
      ...(params.length && { parameters: params }),
      ...(o.body && {
        requestBody: { required: true, content: { "application/json": { schema: jsonSchema(o.body, "input") } } },
      }),
      ...(o.auth && { security: [{ cookie: [] }, { bearer: [] }] }),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Chat3D API", version },
    components: {
      securitySchemes: {
        cookie: { type: "apiKey", in: "cookie", name: "chat3d_access" },
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
      },
    },
    paths,
  };
}
