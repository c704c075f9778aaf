import {
  DECIMAL_ID_PATTERN,
  ModelMetricsSchema,
  type ChatContext,
  type ChatContextList,
  type ChatContextListQuerySchema,
  type ChatItem,
  type ChatItemList,
  type ChatItemListQuerySchema,
  type FaceReference,
  type UpdateChatContextRequestSchema,
  type UpdateChatItemRequestSchema,
} from "@chat3d/shared";
import type { z } from "zod";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import type { JobQueue } from "../jobs/queue.js";
import { decodeCursor, encodeCursor } from "../lib/cursor.js";
import type { LlmRegistry } from "../ai/providers/registry.js";
import type { ChatContextRepository, ChatContextRow } from "../repositories/chat-context.repository.js";
import type { ChatItemRepository, ChatItemRow } from "../repositories/chat-item.repository.js";
import type { ChatQueryRepository } from "../repositories/chat-query.repository.js";
import type { ChatVersionRepository } from "../repositories/chat-version.repository.js";
import type { FileRepository } from "../repositories/file.repository.js";
import { toContext, toItem } from "./chat-view.js";
import type { EventService } from "./event.service.js";

const HISTORY_ITEMS = 400;
export const DEFAULT_CHAT_NAME = "New chat";

/** "A mounting plate 80 x 50 mm with four holes…" → "Mounting plate 80 x 50 mm with four". */
export function summaryName(summary: string): string {
  const words = summary
    .replace(/[\p{Cc}]+/gu, " ")
    .replace(/^(please\s+)?(make|create|build|design|give me|i need|i want)\s+(me\s+)?/i, "")
    .replace(/^(a|an|the)\s+/i, "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 7)
    .join(" ")
    .replace(/[.,;:!?]+$/, "");
  const name = words.charAt(0).toUpperCase() + words.slice(1);
  return name.length > 60 ? `${name.slice(0, 59).trimEnd()}…` : name;
}

export interface ChatServiceDeps {
  db: Db;
  contexts: ChatContextRepository;
  items: ChatItemRepository;
  versions: ChatVersionRepository;
  queries: ChatQueryRepository;
  files: FileRepository;
  models: LlmRegistry;
  jobs: JobQueue;
  events: EventService;
}

/**
 * Chats and their timelines. Every id is looked up with its owner: another person's chat, item or version
 * is as absent as one that never existed (404). Each change is announced to the owner's other tabs.
 */
export class ChatService {
  constructor(private readonly deps: ChatServiceDeps) {}

  async list(ownerId: string, query: z.output<typeof ChatContextListQuerySchema>): Promise<ChatContextList> {
    const after = query.cursor ? decodeCursor<{ at: string; id: string }>(query.cursor, ["at", "id"]) : undefined;
    const rows = await this.deps.contexts.list(ownerId, {
      query: query.query,
      after: after && { at: new Date(after.at), id: after.id },
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.views(page),
      next_cursor:
        rows.length > query.limit && last
          ? encodeCursor({ at: last.last_activity_at.toISOString(), id: last.id })
          : null,
    };
  }

  create(ownerId: string, name: string | undefined): Promise<ChatContext> {
    return this.deps.db.transaction().execute(async (trx) => {
      const context = toContext(await this.deps.contexts.create(ownerId, name, trx), undefined);
      await this.announceContext(ownerId, context, trx);
      return context;
    });
  }

  async get(ownerId: string, id: string): Promise<ChatContext> {
    return (await this.views([await this.requireContext(ownerId, id)]))[0]!;
  }

  /** Renames a chat, or changes the models its queries use (each must be usable for its role). */
  async update(
    ownerId: string,
    id: string,
    patch: z.output<typeof UpdateChatContextRequestSchema>,
  ): Promise<ChatContext> {
    if (patch.conversation_model_id) await this.deps.models.resolve(patch.conversation_model_id, "conversation");
    if (patch.codegen_model_id) await this.deps.models.resolve(patch.codegen_model_id, "codegen");
    return this.deps.db.transaction().execute(async (trx) => {
      await this.requireContext(ownerId, id, trx, { lock: true });
      const [context] = await this.views([await this.deps.contexts.update(id, patch, trx)], trx);
      await this.announceContext(ownerId, context!, trx);
      return context!;
    });
  }

  /**
   * Deletes the chat with its items, versions and files. The files' bytes are removed by a job queued in the
   * same transaction, so they go exactly when the rows do, even if this process dies right after.
   */
  async remove(ownerId: string, id: string): Promise<void> {
    const { db, contexts, files, jobs, events } = this.deps;
    await db.transaction().execute(async (trx) => {
      await this.requireContext(ownerId, id, trx, { lock: true });
      const keys = await files.keysOfChat(id, trx);
      await contexts.delete(id, trx);
      if (keys.length) await jobs.enqueue("storage.delete", { keys }, { trx });
      await events.publish(
        { type: "chat.context.deleted", audience: { userId: ownerId }, payload: { chat_context_id: id } },
        trx,
      );
    });
  }

  async items(
    ownerId: string,
    contextId: string,
    query: z.output<typeof ChatItemListQuerySchema>,
  ): Promise<ChatItemList> {
    await this.requireContext(ownerId, contextId);
    const before = query.before ? decodeCursor<{ seq: string }>(query.before, ["seq"]).seq : undefined;
    if (before !== undefined && !DECIMAL_ID_PATTERN.test(before))
      throw AppError.validation({ before: ["Not a valid cursor."] });
    const { items, more } = await this.deps.items.page(contextId, { beforeSeq: before, limit: query.limit });
    return {
      items: await this.itemViews(items),
      before_cursor: more && items[0] ? encodeCursor({ seq: items[0].seq }) : null,
    };
  }

  /**
   * A person's message: with no model configured it is a note in the chat; the AI pipeline answers it later.
   * `faces` are what they pointed at in the viewer, so the note keeps the same context a query would.
   */
  addMessage(ownerId: string, contextId: string, text: string, faces: FaceReference[] = []): Promise<ChatItem> {
    return this.deps.db.transaction().execute(async (trx) => {
      await this.requireContext(ownerId, contextId, trx, { lock: true });
      await this.checkFaces(ownerId, contextId, faces, trx);
      const row = await this.deps.items.insert(
        {
          chat_context_id: contextId,
          owner_id: ownerId,
          role: "user",
          item_type: "message",
          content: JSON.stringify({ text, attachments: [], faces }),
        },
        trx,
      );
      return this.recordItem(ownerId, row, trx);
    });
  }

  /** Picked faces must be faces of a version of this chat (404), and faces that version has (422). */
  async checkFaces(
    ownerId: string,
    contextId: string,
    faces: FaceReference[],
    db: Db = this.deps.db,
  ): Promise<FaceReference[]> {
    const counts = new Map<string, number>();
    for (const face of faces) {
      if (!counts.has(face.version_id)) {
        const version = await this.deps.versions.findOwned(face.version_id, ownerId, db);
        if (!version || version.chat_context_id !== contextId) throw AppError.notFound("No such version in this chat.");
        counts.set(face.version_id, ModelMetricsSchema.parse(version.metrics).face_count);
      }
      if (face.index >= counts.get(face.version_id)!) {
        throw AppError.unprocessable(`That version has no face ${face.index}.`, "no_such_face");
      }
    }
    return faces;
  }

  /** A person edits their own message's text, or rates an answer. */
  updateItem(ownerId: string, itemId: string, patch: z.output<typeof UpdateChatItemRequestSchema>): Promise<ChatItem> {
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.requireItem(ownerId, itemId, trx);
      if (patch.text !== undefined && !(row.role === "user" && row.item_type === "message")) {
        throw AppError.conflict("Only your own messages can be edited.", "not_editable");
      }
      if (patch.rating !== undefined && row.role !== "assistant") {
        throw AppError.conflict("Only answers can be rated.", "not_rateable");
      }
      const updated = await this.deps.items.update(
        itemId,
        {
          ...(patch.text !== undefined && {
            content: JSON.stringify({ ...(row.content as object), text: patch.text }),
          }),
          ...(patch.rating !== undefined && { rating: patch.rating }),
        },
        trx,
      );
      return this.recordItem(ownerId, updated, trx);
    });
  }

  /** Removes an entry from the timeline; a model version it showed stays in the chat's history. */
  removeItem(ownerId: string, itemId: string): Promise<void> {
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.requireItem(ownerId, itemId, trx);
      await this.deps.items.delete(itemId, trx);
      await this.deps.events.publish(
        {
          type: "chat.item.updated",
          audience: { userId: ownerId },
          payload: { chat_context_id: row.chat_context_id, item_id: itemId, item: null },
        },
        trx,
      );
    });
  }

  /** What came before an answer in its chat (the newest few hundred entries), for the model to read. */
  async historyBefore(ownerId: string, contextId: string, answerItemId: string): Promise<ChatItem[]> {
    await this.requireContext(ownerId, contextId);
    const answer = await this.deps.items.findOwned(answerItemId, ownerId);
    const { items } = await this.deps.items.page(contextId, { beforeSeq: answer?.seq, limit: HISTORY_ITEMS });
    return this.itemViews(items);
  }

  /** A chat still called "New chat" is named after its first exchange, in a few words. */
  async nameFromFirstExchange(ownerId: string, contextId: string, summary: string): Promise<void> {
    const name = summaryName(summary);
    if (!name) return;
    await this.deps.db.transaction().execute(async (trx) => {
      const context = await this.requireContext(ownerId, contextId, trx, { lock: true });
      if (context.name !== DEFAULT_CHAT_NAME) return;
      const [view] = await this.views([await this.deps.contexts.update(contextId, { name }, trx)], trx);
      await this.announceContext(ownerId, view!, trx);
    });
  }

  /** A query that named its models makes them the chat's choice for the next ones. */
  async rememberModels(contextId: string, conversationModelId: string, codegenModelId: string, trx: Db): Promise<void> {
    await this.deps.contexts.update(
      contextId,
      { conversation_model_id: conversationModelId, codegen_model_id: codegenModelId },
      trx,
    );
  }

  /** In a new version's transaction: it becomes the chat's current one. */
  async makeCurrent(contextId: string, versionId: string, trx: Db): Promise<void> {
    await this.deps.contexts.touch(contextId, trx, versionId);
  }

  /** After an item is written: the chat has activity, and the owner's tabs hear of both. */
  async recordItem(ownerId: string, row: ChatItemRow, trx: Db): Promise<ChatItem> {
    const [item] = await this.itemViews([row], trx);
    const [context] = await this.views([await this.deps.contexts.touch(row.chat_context_id, trx)], trx);
    await this.deps.events.publish(
      {
        type: "chat.item.updated",
        audience: { userId: ownerId },
        payload: { chat_context_id: row.chat_context_id, item_id: row.id, item: item! },
      },
      trx,
    );
    await this.announceContext(ownerId, context!, trx);
    return item!;
  }

  async requireContext(
    ownerId: string,
    id: string,
    db: Db = this.deps.db,
    opts: { lock?: boolean } = {},
  ): Promise<ChatContextRow> {
    const context = await this.deps.contexts.findOwned(id, ownerId, db, { forUpdate: opts.lock });
    if (!context) throw AppError.notFound("No such chat.");
    return context;
  }

  async views(rows: ChatContextRow[], db: Db = this.deps.db): Promise<ChatContext[]> {
    const [current, usage] = await Promise.all([
      this.deps.versions.summariesByIds(
        rows.flatMap((r) => (r.current_version_id ? [r.current_version_id] : [])),
        db,
      ),
      this.deps.queries.totals(
        rows.map((r) => r.id),
        db,
      ),
    ]);
    return rows.map((r) =>
      toContext(r, r.current_version_id ? current.get(r.current_version_id) : undefined, usage.get(r.id)),
    );
  }

  async announceContext(ownerId: string, context: ChatContext, trx: Db): Promise<void> {
    await this.deps.events.publish(
      { type: "chat.context.updated", audience: { userId: ownerId }, payload: { context } },
      trx,
    );
  }

  private async requireItem(ownerId: string, id: string, db: Db): Promise<ChatItemRow> {
    const item = await this.deps.items.findOwned(id, ownerId, db);
    if (!item) throw AppError.notFound("No such message.");
    return item;
  }

  async itemViews(rows: ChatItemRow[], db: Db = this.deps.db): Promise<ChatItem[]> {
    const [versions, queries] = await Promise.all([
      this.deps.versions.summariesByIds(
        rows.flatMap((r) => (r.version_id ? [r.version_id] : [])),
        db,
      ),
      this.deps.queries.byAnswerItems(
        rows.filter((r) => r.role === "assistant").map((r) => r.id),
        db,
      ),
    ]);
    const byItem = new Map(queries.map((q) => [q.answer_item_id, q]));
    return rows.map((r) => toItem(r, r.version_id ? versions.get(r.version_id) : undefined, byItem.get(r.id)));
  }
}
