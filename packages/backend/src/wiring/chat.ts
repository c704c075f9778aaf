import type { LlmRegistry } from "../ai/providers/registry.js";
import { ChatContextRepository } from "../repositories/chat-context.repository.js";
import { ChatItemRepository } from "../repositories/chat-item.repository.js";
import { ChatQueryRepository } from "../repositories/chat-query.repository.js";
import { ChatVersionRepository } from "../repositories/chat-version.repository.js";
import { RenderRepository } from "../repositories/render.repository.js";
import { ChatService } from "../services/chat.service.js";
import { VersionService } from "../services/version.service.js";
import type { FilesDomain } from "./files.js";
import type { Platform } from "./platform.js";

/** Chats, their items and immutable versions, and the render service that makes the versions. */
export function wireChat(platform: Platform, files: FilesDomain, models: LlmRegistry) {
  const { db, jobs, events, storage, logger, config } = platform;
  const contexts = new ChatContextRepository(db);
  const items = new ChatItemRepository(db);
  const versionRows = new ChatVersionRepository(db);
  const queryRows = new ChatQueryRepository(db);
  const renderer = new RenderRepository(config.BUILD123D_URL);
  const chats = new ChatService({
    db,
    contexts,
    items,
    versions: versionRows,
    queries: queryRows,
    files: files.rows,
    models,
    jobs,
    events,
  });
  const versions = new VersionService({
    db,
    chats,
    versions: versionRows,
    items,
    files: files.rows,
    renderer,
    storage,
    events,
    logger,
  });
  return { contexts, items, versionRows, queryRows, renderer, chats, versions };
}
export type ChatDomain = ReturnType<typeof wireChat>;
