import {
  DesignBriefSchema,
  EventPayloadSchemas,
  TERMINAL_QUERY_STATES,
  type DesignBrief,
  type QueryAttempt,
  type QueryState,
  type Version,
} from "@chat3d/shared";
import { generateText, NoObjectGeneratedError, Output, streamText, tool, type LanguageModelUsage } from "ai";
import type { Updateable } from "kysely";
import { z } from "zod";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";
import type { LoggedEventMessage } from "../lib/event-bus.js";
import type { EventRelay } from "../lib/event-relay.js";
import { contradictions } from "../lib/llm/brief-check.js";
import { DeltaCoalescer } from "../lib/llm/coalesce.js";
import { describeMetrics, historyMessages } from "../lib/llm/history.js";
import { codegenSystemPrompt, type Prompts } from "../lib/llm/prompts.js";
import type { LlmRegistry, UsableModel } from "../lib/llm/registry.js";
import { ProviderFailure, withProviderRetries } from "../lib/llm/retry.js";
import type { Logger } from "../lib/logger.js";
import type { ChatItemRepository } from "../repositories/chat-item.repository.js";
import type { ChatQueryRepository, QueryRow } from "../repositories/chat-query.repository.js";
import { RenderScriptError, type RenderRepository, type RenderResult } from "../repositories/render.repository.js";
import type { ChatService } from "./chat.service.js";
import type { EventService } from "./event.service.js";
import type { VersionService } from "./version.service.js";

export interface QueryPipelineDeps {
  db: Db;
  config: Pick<Config, "LLM_REPAIR_ATTEMPTS" | "LLM_MAX_RETRIES" | "LLM_TIMEOUT_S" | "LLM_HISTORY_TOKENS">;
  queries: ChatQueryRepository;
  items: ChatItemRepository;
  chats: ChatService;
  versions: VersionService;
  renderer: RenderRepository;
  models: LlmRegistry;
  prompts: Prompts;
  events: EventService;
  relay: EventRelay;
  logger: Logger;
}

/** The code model's structured answer. */
export const CodegenOutputSchema = z.object({
  plan: z.string().describe("How the part is built, in a few lines"),
  code: z.string().describe("The complete build123d script, binding root_part"),
  parameters: z
    .record(z.string(), z.union([z.number(), z.boolean(), z.string()]))
    .describe("The value of each # @param constant, by name"),
  comment: z.string().describe("One or two sentences for the person about what was made"),
});
type CodegenOutput = z.infer<typeof CodegenOutputSchema>;

const DELTA_INTERVAL_MS = 50;

class Cancelled extends Error {
  constructor() {
    super("the person cancelled the query");
    this.name = "Cancelled";
  }
}

/** A code attempt that did not become a version, and why, in words the code model is given back. */
interface FailedAttempt {
  attempt: QueryAttempt;
  metrics?: RenderResult["metrics"];
}

const priceOf = (usage: LanguageModelUsage, model: UsableModel) => {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  return { input, output, cost: (input * model.price.input + output * model.price.output) / 1_000_000 };
};

const CODEGEN_INPUT_TOOL = "generate_3d_model";

/**
 * One query, as a durable job: conversation (streamed), then code, render and repair until the result
 * renders and agrees with the brief. Every stage is stored on the query and published in the same
 * transaction, so the job can resume from where it stopped, and a reload shows the truth.
 */
export class QueryPipeline {
  private readonly stopping = new AbortController();

  constructor(private readonly deps: QueryPipelineDeps) {}

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
      let brief = query.brief ? DesignBriefSchema.parse(query.brief) : null;
      if (!brief) {
        const answered = await this.converse(query, conversation, cancel.signal);
        query = answered.query;
        brief = answered.brief;
        if (!brief) return await this.finish(query, "completed", { text: query.answer_text });
      }
      await this.build(query, brief, codegen, cancel.signal);
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
  private async converse(query: QueryRow, model: UsableModel, signal: AbortSignal) {
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
    let usage = { input: 0, output: 0, cost: 0 };
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
        const result = streamText({
          model: model.model,
          system,
          messages: historyMessages(items, config.LLM_HISTORY_TOKENS),
          tools: {
            [CODEGEN_INPUT_TOOL]: tool({
              description:
                "Build a new 3D model, or change the chat's current one, from a complete design brief. Call it whenever the person wants a part made or changed.",
              inputSchema: DesignBriefSchema,
            }),
          },
          maxRetries: 0,
          abortSignal: signal,
          timeout: config.LLM_TIMEOUT_S * 1000,
          // Errors arrive as stream parts and are handled there; the SDK's default would print them.
          onError: () => undefined,
        });
        try {
          for await (const part of result.stream) {
            if (part.type === "text-delta") {
              text += part.text;
              coalescer.push(part.text);
            } else if (part.type === "tool-call" && part.toolName === CODEGEN_INPUT_TOOL && !part.invalid) {
              brief = DesignBriefSchema.parse(part.input);
            } else if (part.type === "error") {
              throw part.error;
            }
          }
        } finally {
          await coalescer.flush();
          // What was said so far is kept, should the stream stop here (a cancel, a failure).
          if (text) await this.record(query.id, { answer_text: text });
        }
        usage = priceOf(await result.totalUsage, model);
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

  /** Stages 2–3: code, render, and repair while the render fails or contradicts the brief. */
  private async build(query: QueryRow, brief: DesignBrief, model: UsableModel, signal: AbortSignal): Promise<void> {
    const { chats, config, versions, renderer } = this.deps;
    const context = await chats.requireContext(query.owner_id, query.chat_context_id);
    const current: Version | null =
      brief.change_of_current && context.current_version_id
        ? await versions.get(query.owner_id, context.current_version_id)
        : null;
    const attempts = [...(query.attempts as QueryAttempt[])];
    const failures: FailedAttempt[] = [];
    const limit = config.LLM_REPAIR_ATTEMPTS + 1;

    while (attempts.length < limit) {
      const number = attempts.length + 1;
      query = await this.advance(query, attempts.length ? "repairing" : "codegen", {}, number);
      let output: CodegenOutput;
      try {
        output = await this.generateCode(query, brief, current, failures.at(-1), model, signal);
      } catch (err) {
        if (!NoObjectGeneratedError.isInstance(err)) throw err;
        const attempt: QueryAttempt = {
          number,
          code: err.text ?? "",
          outcome: "malformed",
          problem: "The answer was not the structured output asked for (plan, code, parameters, comment).",
          line: null,
        };
        attempts.push(attempt);
        failures.push({ attempt });
        query = await this.advance(query, "repairing", { attempts: JSON.stringify(attempts) }, number);
        continue;
      }
      query = await this.advance(query, "rendering", {}, number);
      const rendered = await this.tryRender(query, output, brief, number, signal, renderer);
      attempts.push(rendered.attempt);
      query = await this.advance(
        query,
        rendered.result ? "rendering" : "repairing",
        { attempts: JSON.stringify(attempts) },
        number,
      );
      if (rendered.result) {
        await versions.keep(
          query.owner_id,
          query.chat_context_id,
          {
            code: rendered.code,
            quality: "normal",
            source: "ai",
            parentVersionId: current?.id,
            result: rendered.result,
          },
          {
            answerItemId: query.answer_item_id!,
            text: [query.answer_text.trim(), output.comment.trim()].filter(Boolean).join("\n\n"),
          },
        );
        await this.finish(query, "completed", null);
        await chats.nameFromFirstExchange(query.owner_id, query.chat_context_id, brief.summary || query.query);
        return;
      }
      failures.push({ attempt: rendered.attempt, metrics: rendered.metrics });
    }
    const last = attempts.at(-1)?.problem ?? "no attempt succeeded";
    await this.fail(
      query,
      `The model could not produce a part that renders as asked after ${attempts.length} attempts. The last problem: ${last}`,
    );
  }

  private async generateCode(
    query: QueryRow,
    brief: DesignBrief,
    current: Version | null,
    previous: FailedAttempt | undefined,
    model: UsableModel,
    signal: AbortSignal,
  ): Promise<CodegenOutput> {
    const { config, prompts } = this.deps;
    const sections = [`Design brief:\n${JSON.stringify(brief, null, 2)}`];
    if (current) {
      sections.push(
        `This changes the chat's current model (version ${current.number}). Its code:\n\`\`\`python\n${current.code}\n\`\`\`\nIts parameter values: ${JSON.stringify(current.parameters)}\nIts geometry: ${describeMetrics(current.metrics)}.\nEdit this code; keep its # @param names.`,
      );
    }
    if (previous) {
      sections.push(
        `Your previous attempt (attempt ${previous.attempt.number}) failed: ${previous.attempt.problem}${
          previous.attempt.line ? ` (line ${previous.attempt.line})` : ""
        }.${previous.metrics ? ` It measured: ${describeMetrics(previous.metrics)}.` : ""}\nIts code:\n\`\`\`python\n${previous.attempt.code}\n\`\`\`\nFix it.`,
      );
    }
    let usage = { input: 0, output: 0, cost: 0 };
    try {
      const result = await withProviderRetries(
        () =>
          generateText({
            model: model.model,
            system: codegenSystemPrompt(prompts),
            prompt: sections.join("\n\n"),
            output: Output.object({ schema: CodegenOutputSchema }),
            maxRetries: 0,
            abortSignal: signal,
            timeout: config.LLM_TIMEOUT_S * 1000,
          }),
        { retries: config.LLM_MAX_RETRIES, signal },
      );
      usage = priceOf(result.totalUsage, model);
      return result.output;
    } catch (err) {
      if (NoObjectGeneratedError.isInstance(err) && err.usage) usage = priceOf(err.usage, model);
      throw err;
    } finally {
      if (usage.input || usage.output) await this.record(query.id, this.spend(await this.reload(query.id), usage));
    }
  }

  /** Renders one attempt; a typed failure or a contradiction with the brief is an attempt to repair. */
  private async tryRender(
    query: QueryRow,
    output: CodegenOutput,
    brief: DesignBrief,
    number: number,
    signal: AbortSignal,
    renderer: RenderRepository,
  ): Promise<{ attempt: QueryAttempt; code: string; result?: RenderResult; metrics?: RenderResult["metrics"] }> {
    const code = output.code;
    try {
      const result = await renderer.render({ code, quality: "normal", caller: query.owner_id }, signal);
      const problems = contradictions(brief, result.metrics, result.kind);
      if (problems.length) {
        return {
          attempt: { number, code, outcome: "contradicts_brief", problem: problems.join("; "), line: null },
          code,
          metrics: result.metrics,
        };
      }
      return { attempt: { number, code, outcome: "rendered", problem: null, line: null }, code, result };
    } catch (err) {
      if (!(err instanceof RenderScriptError)) throw err;
      return {
        attempt: { number, code, outcome: "render_failed", problem: `${err.type}: ${err.message}`, line: err.line },
        code,
      };
    }
  }

  private spend(
    query: QueryRow,
    usage: { input: number; output: number; cost: number },
  ): Updateable<DB["chat_queries"]> {
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
