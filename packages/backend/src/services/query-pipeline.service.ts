import {
  DesignBriefSchema,
  EventPayloadSchemas,
  FaceReferencesSchema,
  MessageAttachmentSchema,
  QueryAttemptSchema,
  QueryStepSchema,
  TERMINAL_QUERY_STATES,
  type DesignBrief,
  type FaceReference,
  type QueryAttempt,
  type QueryState,
  type QueryStep,
  type Version,
} from "@chat3d/shared";
import type { Updateable } from "kysely";
import { buffer } from "node:stream/consumers";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";
import type { LoggedEventMessage } from "../lib/event-bus.js";
import type { EventRelay } from "../lib/event-relay.js";
import { DeltaCoalescer } from "../ai/coalesce.js";
import { runCodegen, type CodegenLimits, type Spend } from "../ai/codegen/loop.js";
import { codegenPrompt, describeFace, type PromptImage } from "../ai/codegen/prompt.js";
import { CodegenSession } from "../ai/codegen/session.js";
import { converse } from "../ai/conversation.js";
import { indexExamples, searchExamples, type ExampleIndex } from "../ai/knowledge/example-search.js";
import { describeMetrics, historyMessages } from "../ai/history.js";
import { codegenSystemPrompt, type Prompts } from "../ai/knowledge/prompts.js";
import type { LlmRegistry, UsableModel } from "../ai/providers/registry.js";
import { imagePart, type PromptPart } from "../ai/providers/parts.js";
import { ProviderFailure, withProviderRetries } from "../ai/providers/retry.js";
import type { Logger } from "../lib/logger.js";
import type { Storage } from "../lib/storage.js";
import type { ChatItemRepository } from "../repositories/chat-item.repository.js";
import type { ChatQueryRepository, QueryRow } from "../repositories/chat-query.repository.js";
import type { FileRepository } from "../repositories/file.repository.js";
import type { RenderRepository } from "../repositories/render.repository.js";
import type { ChatService } from "./chat.service.js";
import type { EventService } from "./event.service.js";
import type { VersionService } from "./version.service.js";

export interface QueryPipelineDeps {
  db: Db;
  config: Pick<
    Config,
    | "LLM_REPAIR_ATTEMPTS"
    | "LLM_MAX_RETRIES"
    | "LLM_TIMEOUT_S"
    | "LLM_HISTORY_TOKENS"
    | "LLM_CODEGEN_MAX_STEPS"
    | "LLM_QUERY_MAX_TOKENS"
    | "LLM_QUERY_MAX_SECONDS"
    | "LLM_QUERY_MAX_COST_USD"
  >;
  queries: ChatQueryRepository;
  items: ChatItemRepository;
  chats: ChatService;
  versions: VersionService;
  renderer: RenderRepository;
  files: FileRepository;
  storage: Storage;
  models: LlmRegistry;
  prompts: Prompts;
  events: EventService;
  relay: EventRelay;
  logger: Logger;
}

const DELTA_INTERVAL_MS = 50;

const spentOf = (query: QueryRow): Spend => ({
  input: query.input_tokens,
  output: query.output_tokens,
  cost: Number(query.cost_usd),
});

class Cancelled extends Error {
  constructor() {
    super("the person cancelled the query");
    this.name = "Cancelled";
  }
}

interface QuestionInputs {
  images: PromptImage[];
  faces: Array<FaceReference & { version_number: number | null }>;
}

/** The faces as words, and the images for a model that can see them. */
function questionParts(inputs: QuestionInputs, model: UsableModel): PromptPart[] {
  const parts: PromptPart[] = [];
  if (inputs.faces.length) {
    parts.push({ type: "text", text: `[Faces I picked in the viewer:\n${inputs.faces.map(describeFace).join("\n")}]` });
  }
  if (model.info.accepts_images) {
    for (const image of inputs.images) parts.push(imagePart(image.data, image.mediaType));
  }
  return parts;
}

/**
 * One query, as a durable job: conversation (streamed), then code, render and repair until the result
 * renders and agrees with the brief. Every stage is stored on the query and published in the same
 * transaction, so the job can resume from where it stopped, and a reload shows the truth.
 */
export class QueryPipeline {
  private readonly stopping = new AbortController();
  private readonly examples: ExampleIndex;

  constructor(private readonly deps: QueryPipelineDeps) {
    this.examples = indexExamples(deps.prompts.examples);
  }

  /** The process is stopping: running queries stop where they are, and their job resumes them elsewhere. */
  stop() {
    this.stopping.abort(new Error("the worker is stopping"));
  }

  async run(queryId: string): Promise<void> {
    const { queries, relay, logger } = this.deps;
    let query = await queries.find(queryId);
    if (!query || TERMINAL_QUERY_STATES.includes(query.state)) return;

    const cancel = new AbortController();
    const stopOnShutdown = () => cancel.abort(this.stopping.signal.reason);
    this.stopping.signal.addEventListener("abort", stopOnShutdown);
    const stopListening = relay.subscribe(`user:${query.owner_id}`, (message: LoggedEventMessage) => {
      if (message.type !== "chat.query.state") return;
      const event = EventPayloadSchemas["chat.query.state"].parse(message.payload);
      // Cancelled by the person, or ended by the sweeper: either way this run has nothing more to do.
      if (event.query_id === queryId && TERMINAL_QUERY_STATES.includes(event.state)) cancel.abort(new Cancelled());
    });
    try {
      // Cancelled between the request and the job: nothing to run.
      query = (await queries.find(queryId))!;
      if (TERMINAL_QUERY_STATES.includes(query.state)) return;
      const conversation = await this.deps.models.resolve(query.conversation_model_id, "conversation");
      const codegen = await this.deps.models.resolve(query.codegen_model_id, "codegen");
      const inputs = await this.inputsOf(query);
      let brief = query.brief ? DesignBriefSchema.parse(query.brief) : null;
      if (!brief) {
        const answered = await this.answer(query, conversation, inputs, cancel.signal);
        query = answered.query;
        brief = answered.brief;
        if (!brief) return await this.finish(query, "completed", { text: query.answer_text });
      }
      await this.build(query, brief, codegen, inputs, cancel.signal);
    } catch (err) {
      // Stopped with the process: left as stored, so the job's retry resumes from this stage.
      if (this.stopping.signal.aborted) throw err;
      const current = (await queries.find(queryId))!;
      if (current.state === "cancelled") return await this.keepPartialAnswer(current);
      if (TERMINAL_QUERY_STATES.includes(current.state)) return;
      if (cancel.signal.aborted || err instanceof Cancelled)
        return await this.finish(current, "cancelled", { text: current.answer_text });
      if (err instanceof ProviderFailure) {
        logger.warn(
          { queryId, err: err.message, cause: (err.cause as Error | undefined)?.message },
          "query failed at the provider",
        );
        return await this.fail(current, err.message);
      }
      logger.error({ err, queryId }, "query failed");
      return await this.fail(current, "Something went wrong on our side while answering. Retry it in a moment.");
    } finally {
      stopListening();
      this.stopping.signal.removeEventListener("abort", stopOnShutdown);
    }
  }

  /** Stage 1: the conversation model answers in prose, or hands over a brief through its tool. */
  /** The question's images (bytes from storage) and picked faces (with their version's number). */
  private async inputsOf(query: QueryRow): Promise<QuestionInputs> {
    const { files, storage, versions } = this.deps;
    const images: PromptImage[] = [];
    for (const attachment of MessageAttachmentSchema.array().parse(query.attachments)) {
      const file = await files.findOwned(attachment.file_id, query.owner_id);
      // Deleted since it was sent: the question goes on without it.
      if (!file) continue;
      images.push({
        mediaType: file.content_type,
        data: await buffer((await storage.read(file.key)).stream),
        name: attachment.name,
      });
    }
    const numbers = new Map<string, number | null>();
    const faces = [];
    for (const face of FaceReferencesSchema.parse(query.faces)) {
      if (!numbers.has(face.version_id)) {
        const version = await versions.get(query.owner_id, face.version_id).catch(() => null);
        numbers.set(face.version_id, version?.number ?? null);
      }
      faces.push({ ...face, version_number: numbers.get(face.version_id)! });
    }
    return { images, faces };
  }

  private async answer(query: QueryRow, model: UsableModel, inputs: QuestionInputs, signal: AbortSignal) {
    const { chats, config, prompts, events } = this.deps;
    query = await this.advance(query, "conversation", {});
    const context = await chats.requireContext(query.owner_id, query.chat_context_id);
    const items = await chats.historyBefore(query.owner_id, query.chat_context_id, query.answer_item_id!);
    const current = context.current_version_id
      ? await this.deps.versions.get(query.owner_id, context.current_version_id)
      : null;
    const system = `${prompts.conversation}\n\n${
      current
        ? `The chat's current model is version ${current.number}: ${describeMetrics(current.metrics)}; its parameters: ${JSON.stringify(current.parameters)}.`
        : "The chat has no model yet."
    }`;

    let text = "";
    let brief: DesignBrief | null = null;
    let usage: Spend = { input: 0, output: 0, cost: 0 };
    await withProviderRetries(
      async () => {
        text = "";
        const coalescer = new DeltaCoalescer(DELTA_INTERVAL_MS, (delta) =>
          events.broadcast(
            "chat.answer.delta",
            { userId: query.owner_id },
            {
              chat_context_id: query.chat_context_id,
              item_id: query.answer_item_id!,
              ...delta,
            },
          ),
        );
        try {
          const answered = await converse({
            model,
            system,
            messages: historyMessages(
              items,
              config.LLM_HISTORY_TOKENS,
              query.user_item_id ? { itemId: query.user_item_id, parts: questionParts(inputs, model) } : undefined,
            ),
            signal,
            timeoutMs: config.LLM_TIMEOUT_S * 1000,
            onText: (delta) => {
              text += delta;
              coalescer.push(delta);
            },
          });
          brief = answered.brief;
          usage = answered.spend;
        } finally {
          await coalescer.flush();
          // What was said so far is kept, should the stream stop here (a cancel, a failure).
          if (text) await this.record(query.id, { answer_text: text });
        }
      },
      { retries: config.LLM_MAX_RETRIES, signal },
    );
    query = await this.advance(query, "conversation", {
      answer_text: text,
      brief: brief ? JSON.stringify(brief) : null,
      ...this.spend(query, usage),
    });
    return { query, brief: brief as DesignBrief | null };
  }

  /**
   * Stages 2–3: the code model's loop (render, look, measure, submit) until a part passes the checks or a
   * limit ends it; every tool call is stored and published as a step.
   */
  private async build(
    query: QueryRow,
    brief: DesignBrief,
    model: UsableModel,
    inputs: QuestionInputs,
    signal: AbortSignal,
  ): Promise<void> {
    const { chats, config, versions, renderer, prompts } = this.deps;
    const context = await chats.requireContext(query.owner_id, query.chat_context_id);
    const current: Version | null =
      brief.change_of_current && context.current_version_id
        ? await versions.get(query.owner_id, context.current_version_id)
        : null;
    const steps = QueryStepSchema.array().parse(query.steps);
    const attempts = QueryAttemptSchema.array().parse(query.attempts);
    query = await this.advance(query, "codegen", {}, attempts.length);
    const session = new CodegenSession({
      brief,
      renderer,
      caller: query.owner_id,
      signal,
      vision: model.info.accepts_images,
      examples: this.examples,
      api: prompts.api,
      earlierSteps: steps.length,
      earlierAttempts: attempts.length,
      onStage: async (stage, attempt) => {
        query = await this.advance(query, stage, {}, attempt);
      },
      onStep: async (step, attempt) => {
        steps.push(step);
        if (attempt) attempts.push(attempt);
        query = await this.recordStep(query, step, { steps, attempts });
      },
    });
    const lastCode = attempts.findLast((a) => a.outcome === "rendered" || a.outcome === "contradicts_brief")?.code;
    const limits: CodegenLimits = {
      steps: config.LLM_CODEGEN_MAX_STEPS,
      attempts: config.LLM_REPAIR_ATTEMPTS + 1,
      tokens: config.LLM_QUERY_MAX_TOKENS,
      seconds: config.LLM_QUERY_MAX_SECONDS,
      costUsd: config.LLM_QUERY_MAX_COST_USD,
    };
    const outcome = await runCodegen({
      model,
      session,
      system: codegenSystemPrompt(prompts, model.info.supports_tools),
      prompt: codegenPrompt({
        brief,
        current,
        faces: inputs.faces,
        images: model.info.accepts_images ? inputs.images : [],
        examples: searchExamples(this.examples, [brief.summary, ...brief.features].join(" "), 2),
        ...(steps.length && { resumed: { steps: steps.length, lastCode: lastCode ?? null } }),
      }),
      limits,
      spentBefore: spentOf(query),
      signal,
      retries: config.LLM_MAX_RETRIES,
      callTimeoutMs: config.LLM_TIMEOUT_S * 1000,
      onUsage: async (spend) => {
        await this.record(query.id, this.spend(await this.reload(query.id), spend));
      },
    });
    query = await this.reload(query.id);
    if ("failure" in outcome) return await this.fail(query, outcome.failure);
    const { submission } = outcome;
    await versions.keep(
      query.owner_id,
      query.chat_context_id,
      {
        code: submission.code,
        quality: "normal",
        source: "ai",
        parentVersionId: current?.id,
        result: submission.result,
      },
      {
        answerItemId: query.answer_item_id!,
        text: [query.answer_text.trim(), submission.comment.trim()].filter(Boolean).join("\n\n"),
      },
    );
    await this.finish(query, "completed", null);
    await chats.nameFromFirstExchange(query.owner_id, query.chat_context_id, brief.summary || query.query);
  }

  /** A tool call is stored with the query and published, in one transaction. */
  private recordStep(
    query: QueryRow,
    step: QueryStep,
    record: { steps: QueryStep[]; attempts: QueryAttempt[] },
  ): Promise<QueryRow> {
    return this.deps.db.transaction().execute(async (trx) => {
      const updated = await this.deps.queries.update(
        query.id,
        { steps: JSON.stringify(record.steps), attempts: JSON.stringify(record.attempts) },
        trx,
      );
      await this.deps.events.publish(
        {
          type: "chat.query.step",
          audience: { userId: query.owner_id },
          payload: {
            chat_context_id: query.chat_context_id,
            item_id: query.answer_item_id!,
            query_id: query.id,
            step,
          },
        },
        trx,
      );
      return updated;
    });
  }

  private spend(query: QueryRow, usage: Spend): Updateable<DB["chat_queries"]> {
    return {
      input_tokens: query.input_tokens + usage.input,
      output_tokens: query.output_tokens + usage.output,
      cost_usd: String(Number(query.cost_usd) + usage.cost),
    };
  }

  private reload(id: string) {
    return this.deps.queries.find(id).then((q) => q!);
  }

  private async record(id: string, patch: Updateable<DB["chat_queries"]>) {
    await this.deps.db.transaction().execute((trx) => this.deps.queries.update(id, patch, trx));
  }

  /** Moves the query to `state` with `patch`, and publishes the stage, in one transaction. */
  private advance(
    query: QueryRow,
    state: QueryState,
    patch: Updateable<DB["chat_queries"]>,
    attempt = 0,
  ): Promise<QueryRow> {
    return this.deps.db.transaction().execute(async (trx) => {
      const locked = await this.deps.queries.find(query.id, trx, { forUpdate: true });
      if (!locked || TERMINAL_QUERY_STATES.includes(locked.state)) throw new Cancelled();
      const updated = await this.deps.queries.update(query.id, { ...patch, state }, trx);
      await this.publishState(updated, attempt, null, trx);
      return updated;
    });
  }

  /** The answer ends: completed prose (`show.text`), completed model (shown by its version), or cancelled. */
  private finish(query: QueryRow, state: "completed" | "cancelled", show: { text: string } | null): Promise<void> {
    const { db, queries, items, chats } = this.deps;
    return db.transaction().execute(async (trx) => {
      const updated = await queries.update(query.id, { state, finished_at: new Date() }, trx);
      if (show) {
        const row = await items.update(
          query.answer_item_id!,
          { state: state === "completed" ? "complete" : "cancelled", content: JSON.stringify({ text: show.text }) },
          trx,
        );
        await chats.recordItem(query.owner_id, row, trx);
      }
      await this.publishState(updated, 0, null, trx);
    });
  }

  /** A cancelled answer keeps the words it had streamed. */
  private keepPartialAnswer(query: QueryRow): Promise<void> {
    const { db, items, chats } = this.deps;
    return db.transaction().execute(async (trx) => {
      const row = await items.update(
        query.answer_item_id!,
        { content: JSON.stringify({ text: query.answer_text }) },
        trx,
      );
      await chats.recordItem(query.owner_id, row, trx);
    });
  }

  private fail(query: QueryRow, message: string): Promise<void> {
    const { db, queries, items, chats } = this.deps;
    return db.transaction().execute(async (trx) => {
      const updated = await queries.update(query.id, { state: "failed", error: message, finished_at: new Date() }, trx);
      const row = await items.update(
        query.answer_item_id!,
        { item_type: "errormessage", state: "failed", content: JSON.stringify({ text: message, error: null }) },
        trx,
      );
      await chats.recordItem(query.owner_id, row, trx);
      await this.publishState(updated, 0, message, trx);
    });
  }

  private async publishState(query: QueryRow, attempt: number, message: string | null, trx: Db) {
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
          message,
        },
      },
      trx,
    );
  }
}
