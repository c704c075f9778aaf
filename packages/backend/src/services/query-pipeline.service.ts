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
  type Version,
} from "@chat3d/shared";
import { buffer } from "node:stream/consumers";
import type { Config } from "../config.js";
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
import type { ChatQueryRepository, QueryRow } from "../repositories/chat-query.repository.js";
import type { FileRepository } from "../repositories/file.repository.js";
import type { RenderRepository } from "../repositories/render.repository.js";
import type { ChatService } from "./chat.service.js";
import type { EventService } from "./event.service.js";
import { QueryEnded, type QueryLifecycle } from "./query-lifecycle.service.js";
import type { VersionService } from "./version.service.js";

export interface QueryPipelineDeps {
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
  lifecycle: QueryLifecycle;
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
    const { queries, relay, logger, lifecycle } = this.deps;
    let query = await queries.find(queryId);
    if (!query || TERMINAL_QUERY_STATES.includes(query.state)) return;

    const cancel = new AbortController();
    const stopOnShutdown = () => cancel.abort(this.stopping.signal.reason);
    this.stopping.signal.addEventListener("abort", stopOnShutdown);
    // The one way a run hears that its query ended elsewhere (cancelled by the person, failed by the sweeper):
    // the committed terminal event, read from the event log by every instance, whichever host wrote it.
    const stopListening = relay.subscribe(`user:${query.owner_id}`, (message: LoggedEventMessage) => {
      if (message.type !== "chat.query.state") return;
      const event = EventPayloadSchemas["chat.query.state"].parse(message.payload);
      if (event.query_id === queryId && TERMINAL_QUERY_STATES.includes(event.state)) cancel.abort(new QueryEnded());
    });
    try {
      // Cancelled between the request and the job: nothing to run.
      query = (await queries.find(queryId))!;
      if (TERMINAL_QUERY_STATES.includes(query.state)) return;
      const conversation = await this.deps.models.resolve(query.conversation_model_id, "conversation");
      const codegen = await this.deps.models.resolve(query.codegen_model_id, "codegen");
      const inputs = await this.inputsOf(query);
      const current = await this.currentVersion(query);
      let brief = query.brief ? DesignBriefSchema.parse(query.brief) : null;
      if (!brief) {
        const answered = await this.answer(query, conversation, inputs, current, cancel.signal);
        query = answered.query;
        brief = answered.brief;
        if (!brief) {
          await lifecycle.completeWithText(query.id, query.answer_text);
          return;
        }
      }
      await this.build(query, brief, codegen, inputs, brief.change_of_current ? current : null, cancel.signal);
    } catch (err) {
      // Stopped with the process: left as stored, so the job's retry resumes from this stage.
      if (this.stopping.signal.aborted) throw err;
      // Ended elsewhere: its terminal transition is written already.
      if (err instanceof QueryEnded || cancel.signal.aborted) return;
      if (err instanceof ProviderFailure) {
        logger.warn(
          { queryId, err: err.message, cause: (err.cause as Error | undefined)?.message },
          "query failed at the provider",
        );
        await lifecycle.fail(queryId, err.message);
        return;
      }
      logger.error({ err, queryId }, "query failed");
      await lifecycle.fail(queryId, "Something went wrong on our side while answering. Retry it in a moment.");
    } finally {
      stopListening();
      this.stopping.signal.removeEventListener("abort", stopOnShutdown);
    }
  }

  /** The chat's current version, loaded once for both stages (the conversation's context, the code to edit). */
  private async currentVersion(query: QueryRow): Promise<Version | null> {
    const context = await this.deps.chats.requireContext(query.owner_id, query.chat_context_id);
    return context.current_version_id ? this.deps.versions.get(query.owner_id, context.current_version_id) : null;
  }

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

  /** Stage 1: the conversation model answers in prose, or hands over a brief through its tool. */
  private async answer(
    query: QueryRow,
    model: UsableModel,
    inputs: QuestionInputs,
    current: Version | null,
    signal: AbortSignal,
  ) {
    const { chats, config, prompts, events, lifecycle } = this.deps;
    query = await lifecycle.advance(query.id, "conversation");
    const items = await chats.historyBefore(query.owner_id, query.chat_context_id, query.answer_item_id!);
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
          if (text) await lifecycle.saveAnswerText(query.id, text);
        }
      },
      { retries: config.LLM_MAX_RETRIES, signal },
    );
    await lifecycle.addSpend(query.id, usage);
    query = await lifecycle.advance(query.id, "conversation", {
      answer_text: text,
      brief: brief ? JSON.stringify(brief) : null,
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
    current: Version | null,
    signal: AbortSignal,
  ): Promise<void> {
    const { chats, config, versions, renderer, prompts, lifecycle } = this.deps;
    const steps = QueryStepSchema.array().parse(query.steps);
    const attempts = QueryAttemptSchema.array().parse(query.attempts);
    query = await lifecycle.advance(query.id, "codegen", {}, attempts.length);
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
        query = await lifecycle.advance(query.id, stage, {}, attempt);
      },
      onStep: async (step, attempt) => {
        steps.push(step);
        if (attempt) attempts.push(attempt);
        await lifecycle.step(query, step, attempt);
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
      onUsage: (spend) => lifecycle.addSpend(query.id, spend),
    });
    if ("failure" in outcome) {
      await lifecycle.fail(query.id, outcome.failure);
      return;
    }
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
        answering: lifecycle.answering(query.id),
      },
    );
    await chats.nameFromFirstExchange(query.owner_id, query.chat_context_id, brief.summary || query.query);
  }
}
