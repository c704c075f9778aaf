import { TERMINAL_QUERY_STATES, type QueryAttempt, type QueryState, type QueryStep } from "@chat3d/shared";
import type { Updateable } from "kysely";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";
import type { JobQueue } from "../jobs/queue.js";
import type { Spend } from "../ai/codegen/loop.js";
import type { ChatItemRepository, ChatItemRow } from "../repositories/chat-item.repository.js";
import type { ChatQueryRepository, QueryRow } from "../repositories/chat-query.repository.js";
import type { ChatService } from "./chat.service.js";
import type { EventService } from "./event.service.js";
import type { Answering } from "./version.service.js";

export interface QueryLifecycleDeps {
  db: Db;
  queries: ChatQueryRepository;
  items: ChatItemRepository;
  chats: ChatService;
  jobs: JobQueue;
  events: EventService;
}

/** What a question asks, as the query row keeps it (a new question, or the one a regeneration repeats). */
export type Asked = Pick<
  QueryRow,
  "chat_context_id" | "user_item_id" | "query" | "attachments" | "faces" | "conversation_model_id" | "codegen_model_id"
>;

/** A transition was asked of a query that has already ended (cancelled, failed by the sweeper, completed). */
export class QueryEnded extends Error {
  constructor() {
    super("the query has already ended");
    this.name = "QueryEnded";
  }
}

type ItemPatch = Updateable<DB["chat_items"]>;
/** What a terminal transition writes besides the state: the failure, the version, the answer item. */
interface EndChange {
  error?: string;
  versionId?: string;
  item?: ItemPatch;
}

const ended = (query: QueryRow) => TERMINAL_QUERY_STATES.includes(query.state);
const failedItem = (message: string): ItemPatch => ({
  item_type: "errormessage",
  state: "failed",
  content: JSON.stringify({ text: message, error: null }),
});

/**
 * The one owner of a query's transitions: queued → conversation → codegen → rendering/repairing → completed,
 * failed or cancelled. Each transition writes the row (and the answer item it changes) and its
 * `chat.query.*` event in one transaction; nothing else publishes them. The API (QueryService), the job
 * (QueryPipeline) and the sweeper call it. Writers of one query lock its chat first, then the query, so a
 * cancel racing the pipeline's last write waits instead of deadlocking.
 */
export class QueryLifecycle {
  constructor(private readonly deps: QueryLifecycleDeps) {}

  /** → queued: a pending answer, its query row and the job that will write it, in the caller's transaction. */
  async queue(ownerId: string, asked: Asked, promptVersion: string, trx: Db) {
    const { items, queries, jobs } = this.deps;
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
        ...asked,
        owner_id: ownerId,
        answer_item_id: answer.id,
        attachments: JSON.stringify(asked.attachments),
        faces: JSON.stringify(asked.faces),
        prompt_version: promptVersion,
      },
      trx,
    );
    await jobs.enqueue("query.run", { query_id: query.id }, { trx });
    await this.publishState(query, trx);
    return { answer, query };
  }

  /**
   * The query locked for a transition, in the caller's transaction (its chat first: see the class note), or
   * undefined when it does not exist or is not `ownerId`'s.
   */
  async lock(queryId: string, trx: Db, ownerId?: string): Promise<QueryRow | undefined> {
    const { queries, chats } = this.deps;
    const found = ownerId ? await queries.findOwned(queryId, ownerId, trx) : await queries.find(queryId, trx);
    if (!found) return undefined;
    await chats.requireContext(found.owner_id, found.chat_context_id, trx, { lock: true });
    return queries.find(queryId, trx, { forUpdate: true });
  }

  /** failed or cancelled → queued again (the caller checked it may be), keeping its steps and attempts. */
  async requeue(query: QueryRow, trx: Db): Promise<QueryRow> {
    const updated = await this.deps.queries.update(
      query.id,
      { state: "queued", error: null, finished_at: null, brief: null, answer_text: "", version_id: null },
      trx,
    );
    await this.recordItem(
      updated,
      { item_type: "message", state: "pending", version_id: null, content: JSON.stringify({ text: "" }) },
      trx,
    );
    await this.deps.jobs.enqueue("query.run", { query_id: query.id }, { trx });
    await this.publishState(updated, trx);
    return updated;
  }

  /** → cancelled (the caller checked it is still open); the job hears the event, on whichever host runs it. */
  cancel(query: QueryRow, trx: Db): Promise<QueryRow> {
    return this.end(query, "cancelled", { item: { state: "cancelled" } }, trx);
  }

  /** → a stage, with what the stage stored; throws QueryEnded when the query ended meanwhile. */
  advance(
    queryId: string,
    state: QueryState,
    patch: Updateable<DB["chat_queries"]> = {},
    attempt = 0,
  ): Promise<QueryRow> {
    return this.deps.db.transaction().execute(async (trx) => {
      const locked = await this.deps.queries.find(queryId, trx, { forUpdate: true });
      if (!locked || ended(locked)) throw new QueryEnded();
      const updated = await this.deps.queries.update(queryId, { ...patch, state }, trx);
      await this.publishState(updated, trx, attempt);
      return updated;
    });
  }

  /** One tool call appended to the record (never a rewrite of the list) and published, in one transaction. */
  step(query: QueryRow, step: QueryStep, attempt: QueryAttempt | undefined): Promise<void> {
    return this.deps.db.transaction().execute(async (trx) => {
      const updated = await this.deps.queries.appendStep(query.id, step, attempt, trx);
      if (!updated) throw new QueryEnded();
      await this.deps.events.publish(
        {
          type: "chat.query.step",
          audience: { userId: query.owner_id },
          payload: { chat_context_id: query.chat_context_id, item_id: query.answer_item_id!, query_id: query.id, step },
        },
        trx,
      );
    });
  }

  /** A model call's tokens and cost, added as they happen (even after a cancel: the spend was real). */
  async addSpend(queryId: string, spend: Spend): Promise<void> {
    await this.deps.queries.addSpend(queryId, spend);
  }

  /** What the conversation said so far; a query cancelled while it streamed keeps it on its answer instead. */
  saveAnswerText(queryId: string, text: string): Promise<void> {
    return this.deps.db.transaction().execute(async (trx) => {
      const query = await this.lock(queryId, trx);
      if (!query) return;
      if (!ended(query)) await this.deps.queries.update(queryId, { answer_text: text }, trx);
      else if (query.state === "cancelled") await this.recordItem(query, { content: JSON.stringify({ text }) }, trx);
    });
  }

  /** → completed with prose only (no model was asked for); false when it had already ended. */
  completeWithText(queryId: string, text: string): Promise<boolean> {
    return this.endOpen(queryId, "completed", {
      item: { state: "complete", content: JSON.stringify({ text }) },
    });
  }

  /** → completed by a kept version: the version's own transaction claims the query, then completes it. */
  answering(queryId: string): Answering {
    let claimed: QueryRow | undefined;
    return {
      claim: async (trx) => {
        claimed = await this.deps.queries.find(queryId, trx, { forUpdate: true });
        if (!claimed || ended(claimed)) throw new QueryEnded();
      },
      complete: async (versionId, trx) => {
        await this.end(claimed!, "completed", { versionId }, trx);
      },
    };
  }

  /** → failed, its answer an error in words; false when it had already ended (cancelled, swept, completed). */
  fail(queryId: string, message: string): Promise<boolean> {
    return this.endOpen(queryId, "failed", { error: message, item: failedItem(message) });
  }

  /** A terminal transition in its own transaction, unless the query has ended already. */
  private endOpen(queryId: string, state: QueryState, change: EndChange): Promise<boolean> {
    return this.deps.db.transaction().execute(async (trx) => {
      const query = await this.lock(queryId, trx);
      if (!query || ended(query)) return false;
      await this.end(query, state, change, trx);
      return true;
    });
  }

  private async end(query: QueryRow, state: QueryState, change: EndChange, trx: Db): Promise<QueryRow> {
    const updated = await this.deps.queries.update(
      query.id,
      { state, finished_at: new Date(), error: change.error ?? null, version_id: change.versionId ?? null },
      trx,
    );
    if (change.item) await this.recordItem(updated, change.item, trx);
    await this.publishState(updated, trx);
    return updated;
  }

  private async recordItem(query: QueryRow, patch: ItemPatch, trx: Db): Promise<ChatItemRow> {
    const row = await this.deps.items.update(query.answer_item_id!, patch, trx);
    await this.deps.chats.recordItem(query.owner_id, row, trx);
    return row;
  }

  /** The stage, with the query's totals so far; on a terminal state, everything the answer shows. */
  private async publishState(query: QueryRow, trx: Db, attempt = 0) {
    await this.deps.events.publish(
      {
        type: "chat.query.state",
        audience: { userId: query.owner_id },
        payload: {
          chat_context_id: query.chat_context_id,
          item_id: query.answer_item_id!,
          query_id: query.id,
          state: query.state,
          attempt,
          message: query.error,
          version_id: query.version_id,
          usage: { input_tokens: query.input_tokens, output_tokens: query.output_tokens },
          cost_usd: Number(query.cost_usd),
          started_at: query.created_at.toISOString(),
          finished_at: query.finished_at?.toISOString() ?? null,
        },
      },
      trx,
    );
  }
}
