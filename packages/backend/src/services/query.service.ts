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
import type { JobQueue } from "../jobs/queue.js";
import type { Prompts } from "../ai/knowledge/prompts.js";
import type { LlmRegistry } from "../ai/providers/registry.js";
import type { AppSettingsRepository } from "../repositories/app-settings.repository.js";
import type { ChatItemRepository } from "../repositories/chat-item.repository.js";
import type { ChatQueryRepository, QueryRow } from "../repositories/chat-query.repository.js";
import type { ChatVersionRepository } from "../repositories/chat-version.repository.js";
import type { FileRepository } from "../repositories/file.repository.js";
import type { ChatService } from "./chat.service.js";
import { toQueryStatus } from "./chat-view.js";
import type { EventService } from "./event.service.js";

export interface QueryServiceDeps {
  db: Db;
  chats: ChatService;
  items: ChatItemRepository;
  queries: ChatQueryRepository;
  files: FileRepository;
  versions: ChatVersionRepository;
  settings: AppSettingsRepository;
  models: LlmRegistry;
  prompts: Prompts;
  jobs: JobQueue;
  events: EventService;
  /** How long an unfinished query may go untouched before the sweeper calls it interrupted. */
  staleAfterMs: number;
}

export interface QueryAccepted {
  query: QueryStatus;
  items: ChatItem[];
}

const startOfUtcDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const startOfUtcMonth = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/** Queries as the API sees them: accepted at once (202) and run by the pipeline job. */
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
      const { answer, query } = await this.queueAnswer(
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
        trx,
      );
      if (input.conversation_model_id || input.codegen_model_id) {
        await this.deps.chats.rememberModels(context.id, conversationId, codegenId, trx);
      }
      const views = [await chats.recordItem(owner.id, question, trx), await chats.recordItem(owner.id, answer, trx)];
      await this.publish(query, trx);
      return { query: toQueryStatus(query), items: views };
    });
  }

  /** Stops a running query; the job sees the event and stops at once, keeping what was said so far. */
  cancel(ownerId: string, queryId: string): Promise<QueryStatus> {
    return this.transition(ownerId, queryId, async (query, trx) => {
      if (TERMINAL_QUERY_STATES.includes(query.state)) {
        throw AppError.conflict(`This answer is already ${query.state}.`, "query_finished");
      }
      const updated = await this.deps.queries.update(query.id, { state: "cancelled", finished_at: new Date() }, trx);
      const row = await this.deps.items.update(query.answer_item_id!, { state: "cancelled" }, trx);
      await this.deps.chats.recordItem(ownerId, row, trx);
      return updated;
    });
  }

  /** Runs a failed or cancelled query again, keeping its earlier attempts on record. */
  async retry(owner: User, queryId: string): Promise<QueryStatus> {
    await this.checkLimits(owner);
    return this.transition(owner.id, queryId, async (query, trx) => {
      if (query.state !== "failed" && query.state !== "cancelled") {
        throw AppError.conflict("Only a failed or cancelled answer can be retried.", "query_not_retryable");
      }
      const updated = await this.deps.queries.update(
        query.id,
        { state: "queued", error: null, finished_at: null, brief: null, answer_text: "" },
        trx,
      );
      const row = await this.deps.items.update(
        query.answer_item_id!,
        { item_type: "message", state: "pending", version_id: null, content: JSON.stringify({ text: "" }) },
        trx,
      );
      await this.deps.chats.recordItem(owner.id, row, trx);
      await this.deps.jobs.enqueue("query.run", { query_id: query.id }, { trx });
      return updated;
    });
  }

  /** A new answer to the same question; the earlier answer stays in the chat. */
  async regenerate(owner: User, queryId: string): Promise<QueryAccepted> {
    const old = await this.deps.queries.findOwned(queryId, owner.id);
    if (!old) throw AppError.notFound("No such answer.");
    if (!TERMINAL_QUERY_STATES.includes(old.state))
      throw AppError.conflict("This answer is still being written.", "query_running");
    await this.checkLimits(owner);
    const { db, chats } = this.deps;
    return db.transaction().execute(async (trx) => {
      await chats.requireContext(owner.id, old.chat_context_id, trx, { lock: true });
      const { answer, query } = await this.queueAnswer(owner.id, old, trx);
      const view = await chats.recordItem(owner.id, answer, trx);
      await this.publish(query, trx);
      return { query: toQueryStatus(query), items: [view] };
    });
  }

  /** A pending answer to a question, its query row and the job that will write it, in the caller's transaction. */
  private async queueAnswer(
    ownerId: string,
    asked: Pick<
      QueryRow,
      | "chat_context_id"
      | "user_item_id"
      | "query"
      | "attachments"
      | "faces"
      | "conversation_model_id"
      | "codegen_model_id"
    >,
    trx: Db,
  ) {
    const { items, queries, prompts, jobs } = this.deps;
    const answer = await items.insert(
      {
        chat_context_id: asked.chat_context_id,
        owner_id: ownerId,
        role: "assistant",
        item_type: "message",
        state: "pending",
        content: JSON.stringify({ text: "" }),
      },
      trx,
    );
    const query = await queries.insert(
      {
        chat_context_id: asked.chat_context_id,
        owner_id: ownerId,
        user_item_id: asked.user_item_id,
        answer_item_id: answer.id,
        query: asked.query,
        attachments: JSON.stringify(asked.attachments),
        faces: JSON.stringify(asked.faces),
        conversation_model_id: asked.conversation_model_id,
        codegen_model_id: asked.codegen_model_id,
        prompt_version: prompts.version,
      },
      trx,
    );
    await jobs.enqueue("query.run", { query_id: query.id }, { trx });
    return { answer, query };
  }

  async get(ownerId: string, queryId: string): Promise<QueryStatus> {
    const query = await this.deps.queries.findOwned(queryId, ownerId);
    if (!query) throw AppError.notFound("No such answer.");
    return toQueryStatus(query);
  }

  /** Ends queries a dead process left unfinished, so no answer stays pending for ever. */
  async sweep(now = new Date()): Promise<number> {
    const { db, queries, items, chats } = this.deps;
    const stale = await queries.stale(new Date(now.getTime() - this.deps.staleAfterMs));
    for (const query of stale) {
      await db.transaction().execute(async (trx) => {
        const locked = await queries.find(query.id, trx, { forUpdate: true });
        if (!locked || TERMINAL_QUERY_STATES.includes(locked.state)) return;
        const message =
          "This answer was interrupted before it finished (the server restarted or lost its connection). Retry it.";
        const updated = await queries.update(query.id, { state: "failed", error: message, finished_at: now }, trx);
        const row = await items.update(
          query.answer_item_id!,
          { item_type: "errormessage", state: "failed", content: JSON.stringify({ text: message, error: null }) },
          trx,
        );
        await chats.recordItem(query.owner_id, row, trx);
        await this.publish(updated, trx, message);
      });
    }
    return stale.length;
  }

  private async transition(ownerId: string, queryId: string, change: (query: QueryRow, trx: Db) => Promise<QueryRow>) {
    return this.deps.db.transaction().execute(async (trx) => {
      const query = await this.deps.queries.findOwned(queryId, ownerId, trx, { forUpdate: true });
      if (!query) throw AppError.notFound("No such answer.");
      const updated = await change(query, trx);
      await this.publish(updated, trx);
      return toQueryStatus(updated);
    });
  }

  private async publish(query: QueryRow, trx: Db, message: string | null = null) {
    await this.deps.events.publish(
      {
        type: "chat.query.state",
        audience: { userId: query.owner_id },
        payload: {
          chat_context_id: query.chat_context_id,
          item_id: query.answer_item_id!,
          query_id: query.id,
          state: query.state,
          attempt: 0,
          message,
        },
      },
      trx,
    );
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
