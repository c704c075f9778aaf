import { loadPrompts } from "../ai/knowledge/prompts.js";
import { LlmRegistry, type ModelOverrides } from "../ai/providers/registry.js";
import { QueryLifecycle } from "../services/query-lifecycle.service.js";
import { QueryPipeline } from "../services/query-pipeline.service.js";
import { QueryService } from "../services/query.service.js";
import type { ChatDomain } from "./chat.js";
import type { FilesDomain } from "./files.js";
import type { Platform } from "./platform.js";

/** The model registry comes first: the chat domain checks a chat's model choice against it. */
export function wireModels(platform: Platform, overrides: ModelOverrides | undefined): LlmRegistry {
  return new LlmRegistry({ config: platform.config, logger: platform.logger, overrides });
}

/** Questions to the AI: the queries' rules (routes) and the pipeline that answers them (jobs). */
export function wireAi(platform: Platform, files: FilesDomain, chat: ChatDomain, models: LlmRegistry) {
  const { db, config, jobs, events, storage, relay, logger, settings } = platform;
  const prompts = loadPrompts();
  const lifecycle = new QueryLifecycle({
    db,
    queries: chat.queryRows,
    items: chat.items,
    chats: chat.chats,
    jobs,
    events,
  });
  const queries = new QueryService({
    db,
    chats: chat.chats,
    items: chat.items,
    queries: chat.queryRows,
    files: files.rows,
    settings,
    models,
    prompts,
    lifecycle,
    // Longer than the slowest stage can take with its retries: only a dead process leaves a query this long.
    staleAfterMs: (config.LLM_TIMEOUT_S * (config.LLM_MAX_RETRIES + 1) + 120) * 1000,
  });
  const pipeline = new QueryPipeline({
    config,
    queries: chat.queryRows,
    lifecycle,
    chats: chat.chats,
    versions: chat.versions,
    renderer: chat.renderer,
    files: files.rows,
    storage,
    models,
    prompts,
    events,
    relay,
    logger,
  });
  return { models, lifecycle, queries, pipeline };
}
export type AiDomain = ReturnType<typeof wireAi>;
