import {
  ChatContextListQuerySchema,
  ChatContextListSchema,
  ChatContextParamsSchema,
  ChatContextResponseSchema,
  ChatItemListQuerySchema,
  ChatItemListSchema,
  ChatItemResponseSchema,
  CreateChatContextRequestSchema,
  CreateChatItemRequestSchema,
  RenderCodeRequestSchema,
  RenderCodeResponseSchema,
  RenderUnchangedResponseSchema,
  RestoreParamsSchema,
  UpdateChatContextRequestSchema,
  UpdateChatItemRequestSchema,
  VersionListSchema,
  VersionResponseSchema,
} from "@chat3d/shared";
import type { Response } from "express";
import { Reply, RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { ChatService } from "../services/chat.service.js";
import type { VersionService } from "../services/version.service.js";

/** Aborted when the client goes away before the answer is sent (a superseded slider value, a closed tab). */
function untilClientLeaves(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => res.writableFinished || controller.abort(new Error("the client went away")));
  return controller.signal;
}

export function chatRoutes(chats: ChatService, versions: VersionService, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api/chat", { tag: "chat", access: "user" }, deps)
    .add({
      method: "get",
      path: "/contexts",
      summary: "My chats, most recent activity first; search by name; cursor paging",
      query: ChatContextListQuerySchema,
      responses: { 200: ChatContextListSchema },
      handle: ({ user, query }) => chats.list(user.id, query),
    })
    .add({
      method: "post",
      path: "/contexts",
      summary: "Start a chat",
      body: CreateChatContextRequestSchema,
      responses: { 201: ChatContextResponseSchema },
      handle: async ({ user, body }) => ({ context: await chats.create(user.id, body.name) }),
    })
    .add({
      method: "get",
      path: "/contexts/:id",
      summary: "One of my chats",
      params: ChatContextParamsSchema,
      responses: { 200: ChatContextResponseSchema, 404: "not mine, or no such chat" },
      handle: async ({ user, params }) => ({ context: await chats.get(user.id, params.id) }),
    })
    .add({
      method: "patch",
      path: "/contexts/:id",
      summary: "Rename a chat, or choose the models its queries use",
      params: ChatContextParamsSchema,
      body: UpdateChatContextRequestSchema,
      responses: { 200: ChatContextResponseSchema, 404: "not mine, or no such chat", 422: "model not available" },
      handle: async ({ user, params, body }) => ({ context: await chats.update(user.id, params.id, body) }),
    })
    .add({
      method: "delete",
      path: "/contexts/:id",
      summary: "Delete a chat with its messages, versions and files",
      params: ChatContextParamsSchema,
      responses: { 204: "deleted", 404: "not mine, or no such chat" },
      handle: ({ user, params }) => chats.remove(user.id, params.id),
    })
    .add({
      method: "get",
      path: "/contexts/:id/items",
      summary: "A page of the chat's timeline, oldest first; `before` pages back",
      params: ChatContextParamsSchema,
      query: ChatItemListQuerySchema,
      responses: { 200: ChatItemListSchema, 404: "not mine, or no such chat" },
      handle: ({ user, params, query }) => chats.items(user.id, params.id, query),
    })
    .add({
      method: "post",
      path: "/contexts/:id/items",
      summary: "Add my message to the chat",
      params: ChatContextParamsSchema,
      body: CreateChatItemRequestSchema,
      responses: { 201: ChatItemResponseSchema, 404: "not mine, or no such chat, or a face of another chat's version" },
      handle: async ({ user, params, body }) => ({
        item: await chats.addMessage(user.id, params.id, body.text, body.faces),
      }),
    })
    .add({
      method: "patch",
      path: "/items/:id",
      summary: "Edit my message, or rate an answer",
      params: ChatContextParamsSchema,
      body: UpdateChatItemRequestSchema,
      responses: { 200: ChatItemResponseSchema, 404: "not mine, or no such item", 409: "not editable or not rateable" },
      handle: async ({ user, params, body }) => ({ item: await chats.updateItem(user.id, params.id, body) }),
    })
    .add({
      method: "delete",
      path: "/items/:id",
      summary: "Remove an entry from the timeline",
      params: ChatContextParamsSchema,
      responses: { 204: "deleted", 404: "not mine, or no such item" },
      handle: ({ user, params }) => chats.removeItem(user.id, params.id),
    })
    .add({
      method: "get",
      path: "/contexts/:id/versions",
      summary: "The chat's model versions, newest first",
      params: ChatContextParamsSchema,
      responses: { 200: VersionListSchema, 404: "not mine, or no such chat" },
      handle: async ({ user, params }) => ({ items: await versions.list(user.id, params.id) }),
    })
    .add({
      method: "get",
      path: "/versions/:id",
      summary: "One version: code, parameter values, files, metrics, timings",
      params: ChatContextParamsSchema,
      responses: { 200: VersionResponseSchema, 404: "not mine, or no such version" },
      handle: async ({ user, params }) => ({ version: await versions.get(user.id, params.id) }),
    })
    .add({
      method: "post",
      path: "/contexts/:id/render",
      scope: "render",
      summary: "Render build123d code (no LLM) and keep the result as the chat's next version",
      params: ChatContextParamsSchema,
      body: RenderCodeRequestSchema,
      responses: {
        200: RenderUnchangedResponseSchema,
        201: RenderCodeResponseSchema,
        404: "not mine, or no such chat or parent version",
        422: "the script failed: details carry its type, line and traceback",
        503: "the render service is unavailable",
      },
      handle: async ({ user, params, body, res }) => {
        const result = await versions.render(user.id, params.id, body, untilClientLeaves(res));
        return "unchanged" in result ? result : new Reply(201, result);
      },
    })
    .add({
      method: "post",
      path: "/contexts/:id/versions/:versionId/restore",
      scope: "render",
      summary: "Make an old version current again, as a new version that points at it",
      params: RestoreParamsSchema,
      responses: { 201: RenderCodeResponseSchema, 404: "not mine, or no such version in this chat" },
      handle: ({ user, params }) => versions.restore(user.id, params.id, params.versionId),
    });
}
