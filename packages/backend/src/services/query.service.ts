import {
  isAttachmentMediaType,
  MAX_ATTACHMENT_BYTES,
  TERMINAL_QUERY_STATES,
  type ChatItem,
  type CreateQueryRequestSchema,
  type QueryStatus,
} from "@chat3d/shared";
import type { z } from "zod";
import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { Prompts } from "../ai/knowledge/prompts.js";
import type { LlmRegistry } from "../ai/providers/registry.js";
import type { AppSettingsRepository } from "../repositories/app-settings.repository.js";
import type { ChatItemRepository } from "../repositories/chat-item.repository.js";
import type { ChatQueryRepository, QueryRow } from "../repositories/chat-query.repository.js";
import type { FileRepository } from "../repositories/file.repository.js";
import type { ChatService } from "./chat.service.js";
import { toQueryStatus } from "./chat-view.js";
import type { QueryLifecycle } from "./query-lifecycle.service.js";

export interface QueryServiceDeps {
  db: Db;
  chats: ChatService;
  items: ChatItemRepository;
  queries: ChatQueryRepository;
  files: FileRepository;
  settings: AppSettingsRepository;
  models: LlmRegistry;
  prompts: Prompts;
  lifecycle: QueryLifecycle;
  /** How long an unfinished query may go untouched before the sweeper calls it interrupted. */
  staleAfterMs: number;
}

export interface QueryAccepted {
  query: QueryStatus;
  items: ChatItem[];
}

const startOfUtcDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const startOfUtcMonth = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/** Queries as the API sees them: the person's rules (models, pictures, limits, ownership); the lifecycle moves them. */
export class QueryService {
  constructor(private readonly deps: QueryServiceDeps) {}

  async create(owner: User, input: z.output<typeof CreateQueryRequestSchema>): Promise<QueryAccepted> {
    const { db, chats, items, models } = this.deps;
    const context = await chats.requireContext(owner.id, input.chat_context_id);
    const { defaults, hint } = await models.list();
    const conversationId = input.conversation_model_id ?? context.conversation_model_id ?? defaults.conversation;
    const codegenId = input.codegen_model_id ?? context.codegen_model_id ?? defaults.codegen;
    if (!conversationId || !codegenId) throw AppError.conflict(hint ?? "No language model is available.", "no_model");
    const conversation = await models.resolve(conversationId, "conversation");
    await models.resolve(codegenId, "codegen");
    const attachments = await this.attachments(owner.id, input.attachments ?? []);
    const faces = await chats.checkFaces(owner.id, context.id, input.faces ?? []);
    if (attachments.length && !conversation.info.accepts_images) {
      throw AppError.unprocessable(
        `${conversation.info.label} cannot read images. Pick a model that can, or send the message without the picture.`,
        "model_cannot_see",
      );
    }
    await this.checkLimits(owner);

    return db.transaction().execute(async (trx) => {
      await chats.requireContext(owner.id, context.id, trx, { lock: true });
      const question = await items.insert(
        {
          chat_context_id: context.id,
          owner_id: owner.id,
          role: "user",
          item_type: "message",
          content: JSON.stringify({ text: input.query, attachments, faces }),
        },
        trx,
      );
      const { answer, query } = await this.deps.lifecycle.queue(
        owner.id,
        {
          chat_context_id: context.id,
          user_item_id: question.id,
          query: input.query,
          attachments,
          faces,
          conversation_model_id: conversationId,
          codegen_model_id: codegenId,
        },
        this.deps.prompts.version,
        trx,
      );
      if (input.conversation_model_id || input.codegen_model_id) {
        await this.deps.chats.rememberModels(context.id, conversationId, codegenId, trx);
      }
      const views = [await chats.recordItem(owner.id, question, trx), await chats.recordItem(owner.id, answer, trx)];
      return { query: toQueryStatus(query), items: views };
    });
  }

  /** Stops a running query; the job hears the event through the event log and stops, keeping what was said. */
  cancel(ownerId: string, queryId: string): Promise<QueryStatus> {
    return this.transition(ownerId, queryId, (query, trx) => {
      if (TERMINAL_QUERY_STATES.includes(query.state)) {
        throw AppError.conflict(`This answer is already ${query.state}.`, "query_finished");
      }
      return this.deps.lifecycle.cancel(query, trx);
    });
  }

  /** Runs a failed or cancelled query again, keeping its earlier attempts on record. */
  async retry(owner: User, queryId: string): Promise<QueryStatus> {
    await this.checkLimits(owner);
    return this.transition(owner.id, queryId, (query, trx) => {
      if (query.state !== "failed" && query.state !== "cancelled") {
        throw AppError.conflict("Only a failed or cancelled answer can be retried.", "query_not_retryable");
      }
      return this.deps.lifecycle.requeue(query, trx);
    });
  }

  /** A new answer to the same question; the earlier answer stays in the chat. */
  async regenerate(owner: User, queryId: string): Promise<QueryAccepted> {
    const old = await this.deps.queries.findOwned(queryId, owner.id);
    if (!old) throw AppError.notFound("No such answer.");
    if (!TERMINAL_QUERY_STATES.includes(old.state))
      throw AppError.conflict("This answer is still being written.", "query_running");
    await this.checkLimits(owner);
    const { db, chats, lifecycle, prompts } = this.deps;
    return db.transaction().execute(async (trx) => {
      await chats.requireContext(owner.id, old.chat_context_id, trx, { lock: true });
      const { answer, query } = await lifecycle.queue(owner.id, old, prompts.version, trx);
      const view = await chats.recordItem(owner.id, answer, trx);
      return { query: toQueryStatus(query), items: [view] };
    });
  }

  async get(ownerId: string, queryId: string): Promise<QueryStatus> {
    const query = await this.deps.queries.findOwned(queryId, ownerId);
    if (!query) throw AppError.notFound("No such answer.");
    return toQueryStatus(query);
  }

  /** Ends queries a dead process left unfinished, so no answer stays pending for ever. */
  async sweep(now = new Date()): Promise<number> {
    const stale = await this.deps.queries.stale(new Date(now.getTime() - this.deps.staleAfterMs));
    for (const query of stale) {
      await this.deps.lifecycle.fail(
        query.id,
        "This answer was interrupted before it finished (the server restarted or lost its connection). Retry it.",
      );
    }
    return stale.length;
  }

  private async transition(ownerId: string, queryId: string, change: (query: QueryRow, trx: Db) => Promise<QueryRow>) {
    return this.deps.db.transaction().execute(async (trx) => {
      const query = await this.deps.lifecycle.lock(queryId, trx, ownerId);
      if (!query) throw AppError.notFound("No such answer.");
      return toQueryStatus(await change(query, trx));
    });
  }

  /** Attachments are the person's own uploaded images (PNG, JPEG, WebP). */
  private async attachments(ownerId: string, ids: string[]) {
    const found = [];
    for (const id of new Set(ids)) {
      const file = await this.deps.files.findOwned(id, ownerId);
      if (!file || !file.key.startsWith("upload/")) throw AppError.notFound("No such attachment.");
      if (!isAttachmentMediaType(file.content_type)) {
        throw AppError.unprocessable("Attach pictures as PNG, JPEG or WebP.", "unsupported_attachment");
      }
      if (Number(file.size_bytes) > MAX_ATTACHMENT_BYTES) {
        throw AppError.tooLarge(
          `${file.name ?? "This picture"} is ${(Number(file.size_bytes) / 2 ** 20).toFixed(1)} MB; pictures sent to the model can be up to 5 MB.`,
        );
      }
      found.push({ file_id: file.id, content_type: file.content_type, name: file.name });
    }
    return found;
  }

  /** The person's own limits, or the server's defaults: queries a day, and cost a month. */
  private async checkLimits(owner: User): Promise<void> {
    const settings = await this.deps.settings.get();
    const daily = owner.daily_query_limit ?? settings.daily_query_limit;
    const capRaw = owner.monthly_cost_cap_usd ?? settings.monthly_cost_cap_usd;
    if (daily === null && capRaw === null) return;
    const now = new Date();
    const usage = await this.deps.queries.usage(owner.id, startOfUtcDay(now), startOfUtcMonth(now));
    if (daily !== null && usage.today >= daily) {
      throw AppError.tooManyRequests(
        `You have used today's ${daily} ${daily === 1 ? "question" : "questions"} to the AI. The limit resets at midnight UTC; an administrator can raise it.`,
        Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 1000),
      );
    }
    const cap = capRaw === null ? null : Number(capRaw);
    if (cap !== null && usage.monthCostUsd >= cap) {
      throw AppError.tooManyRequests(
        `This month's AI budget of $${cap.toFixed(2)} is used up. It resets on the first of the month; an administrator can raise it.`,
      );
    }
  }
}
