import {
  TERMINAL_QUERY_STATES,
  type ChatItem,
  type CreateQueryRequest,
  type LlmModelList,
  type MessageAttachment,
  type QueryState,
  type QueryStatus,
  type QueryStep,
  type StoredFile,
} from "@chat3d/shared";
import type { IncomingMessage, ServerResponse } from "node:http";
import { uuid } from "./accounts";
import { sendError, type RouteHandler } from "./api-server";
import { makeMessage, tick, type ChatStore } from "./chat-api";
import type { SentEvent } from "./event-stream-server";
import { sendJson } from "./test-server";

/** Three providers' worth of models: one that reads images, one that does not, one that only writes code. */
export const MODELS: LlmModelList = {
  models: [
    {
      id: "anthropic:claude-sonnet-4-5",
      provider: "anthropic",
      label: "Claude Sonnet 4.5",
      roles: ["conversation", "codegen"],
      accepts_images: true,
      supports_tools: true,
    },
    {
      id: "openai:gpt-4.1-mini",
      provider: "openai",
      label: "GPT-4.1 mini",
      roles: ["conversation", "codegen"],
      accepts_images: false,
      supports_tools: true,
    },
    {
      id: "ollama:qwen2.5-coder:14b",
      provider: "ollama",
      label: "qwen2.5-coder:14b (Ollama)",
      roles: ["codegen"],
      accepts_images: false,
      supports_tools: false,
    },
  ],
  defaults: { conversation: "openai:gpt-4.1-mini", codegen: "anthropic:claude-sonnet-4-5" },
  hint: null,
};

/** The test page's origin may call the test API with its cookies (the app itself is same-origin). */
export function allowCors(res: ServerResponse, req: IncomingMessage) {
  res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
  res.setHeader("access-control-allow-credentials", "true");
}

type Run = { query: QueryStatus; chatId: string; answerId: string; text: string; seq: number };

/**
 * The AI side of the API over a ChatStore: the routes answer as the real ones do (202 with the question and
 * its pending answer), and the test moves each query along with the events the pipeline would publish.
 */
export class AiPipeline {
  runs = new Map<string, Run>();
  uploads = new Map<string, StoredFile>();
  #eventId = 1000;

  constructor(
    readonly store: ChatStore,
    private readonly emit: (event: SentEvent) => void,
    readonly models: LlmModelList = MODELS,
  ) {}

  #publish(event: string, data: unknown, transient = false) {
    this.emit({ ...(transient ? {} : { id: String(++this.#eventId) }), event, data });
  }

  #items(chatId: string) {
    return this.store.items.get(chatId)!;
  }

  #answer(run: Run): ChatItem {
    return this.#items(run.chatId).find((i) => i.id === run.answerId)!;
  }

  /** The query moves on; the stored answer carries it, as the API's item views do. */
  #setQuery(run: Run, query: QueryStatus) {
    run.query = query;
    const items = this.#items(run.chatId);
    const index = items.findIndex((i) => i.id === run.answerId);
    if (index >= 0) items[index] = { ...items[index]!, query } as ChatItem;
  }

  #replaceAnswer(run: Run, item: ChatItem) {
    const items = this.#items(run.chatId);
    items.splice(items.indexOf(this.#answer(run)), 1, item);
    this.#publish("chat.item.updated", { chat_context_id: run.chatId, item_id: item.id, item });
  }

  #newRun(chatId: string, query: string, attachments: MessageAttachment[], faces: QueryStatus["faces"]): Run {
    const chat = this.store.chat(chatId)!;
    // The real clock: the answer shows the time it has been running.
    const at = new Date().toISOString();
    const status: QueryStatus = {
      id: uuid(),
      state: "queued",
      conversation_model_id: chat.conversation_model_id ?? this.models.defaults.conversation!,
      codegen_model_id: chat.codegen_model_id ?? this.models.defaults.codegen!,
      prompt_version: "test-1",
      brief: null,
      attempts: [],
      steps: [],
      attachments,
      faces,
      usage: { input_tokens: 0, output_tokens: 0 },
      cost_usd: 0,
      error: null,
      version_id: null,
      started_at: at,
      updated_at: at,
      finished_at: null,
    };
    const answer = makeMessage(chatId, "", { role: "assistant", state: "pending", query: status });
    this.#items(chatId).push(answer);
    const run = { query: status, chatId, answerId: answer.id, text: "", seq: 0 };
    this.runs.set(status.id, run);
    return run;
  }

  routes(): Record<string, RouteHandler> {
    const missing = (res: ServerResponse) => sendError(res, 404, "not_found", "No such answer.");
    return {
      "GET /api/llm/models": (_request, res) => sendJson(res, 200, this.models),
      // jsdom's XMLHttpRequest is held to CORS as a browser is, and watching upload progress means a preflight.
      "OPTIONS /api/files": (_request, res, req) => {
        allowCors(res, req);
        res.setHeader("access-control-allow-methods", "POST");
        res.setHeader("access-control-allow-headers", "accept");
        res.writeHead(204).end();
      },
      "POST /api/files": (_request, res, req) => {
        allowCors(res, req);
        const name = /filename="([^"]+)"/.exec(String(_request.body))?.[1] ?? "upload.png";
        const type = /Content-Type: (\S+)/i.exec(String(_request.body))?.[1] ?? "image/png";
        const file: StoredFile = {
          id: uuid(),
          name,
          content_type: type,
          bytes: String(_request.body).length,
          sha256: "0".repeat(64),
          area: "upload",
          created_at: tick(),
        };
        this.uploads.set(file.id, file);
        sendJson(res, 201, { file });
      },
      "DELETE /api/files/:id": (_request, res) => void res.writeHead(204).end(),
      "POST /api/query": ({ body }, res) => {
        const request = body as CreateQueryRequest;
        const items = this.store.items.get(request.chat_context_id);
        if (!items) return sendError(res, 404, "not_found", "No such chat.");
        const attachments = (request.attachments ?? []).map((id) => {
          const file = this.uploads.get(id)!;
          return { file_id: id, content_type: file.content_type, name: file.name };
        });
        const question = makeMessage(request.chat_context_id, request.query, {
          attachments,
          faces: request.faces ?? [],
        });
        items.push(question);
        const run = this.#newRun(request.chat_context_id, request.query, attachments, request.faces ?? []);
        sendJson(res, 202, { query: run.query, items: [question, this.#answer(run)] });
      },
      "GET /api/query/:id": ({ params }, res) => {
        const run = this.runs.get(params.id!);
        return run ? sendJson(res, 200, { query: run.query }) : missing(res);
      },
      "POST /api/query/:id/cancel": ({ params }, res) => {
        const run = this.runs.get(params.id!);
        if (!run) return missing(res);
        if (TERMINAL_QUERY_STATES.includes(run.query.state))
          return sendError(res, 409, "query_finished", `This answer is already ${run.query.state}.`);
        this.stage(run.query.id, "cancelled");
        this.#replaceAnswer(run, {
          ...this.#answer(run),
          state: "cancelled",
          text: run.text,
          query: run.query,
        } as ChatItem);
        sendJson(res, 200, { query: run.query });
      },
      "POST /api/query/:id/retry": ({ params }, res) => {
        const run = this.runs.get(params.id!);
        if (!run) return missing(res);
        run.text = "";
        run.seq = 0;
        run.query = { ...run.query, state: "queued", error: null, finished_at: null };
        this.#replaceAnswer(
          run,
          makeMessage(run.chatId, "", { id: run.answerId, role: "assistant", state: "pending", query: run.query }),
        );
        sendJson(res, 202, { query: run.query });
      },
      "POST /api/query/:id/regenerate": ({ params }, res) => {
        const old = this.runs.get(params.id!);
        if (!old) return missing(res);
        const run = this.#newRun(old.chatId, "", old.query.attachments, old.query.faces);
        sendJson(res, 202, { query: run.query, items: [this.#answer(run)] });
      },
      "PATCH /api/chat/items/:id": ({ params, body }, res) => {
        for (const items of this.store.items.values()) {
          const index = items.findIndex((i) => i.id === params.id);
          if (index < 0) continue;
          const item = { ...items[index]!, ...(body as object), updated_at: tick() } as ChatItem;
          items[index] = item;
          return sendJson(res, 200, { item });
        }
        sendError(res, 404, "not_found", "No such message.");
      },
    };
  }

  /** The only query of the test, or the newest. */
  latest(): Run {
    return [...this.runs.values()].at(-1)!;
  }

  stage(queryId: string, state: QueryState, attempt = 0) {
    const run = this.runs.get(queryId)!;
    const finished = TERMINAL_QUERY_STATES.includes(state);
    const at = new Date().toISOString();
    this.#setQuery(run, { ...run.query, state, updated_at: at, ...(finished && { finished_at: at }) });
    const { error, version_id, usage, cost_usd, started_at, finished_at } = run.query;
    this.#publish("chat.query.state", {
      chat_context_id: run.chatId,
      item_id: run.answerId,
      query_id: queryId,
      state,
      attempt,
      message: error,
      version_id,
      usage,
      cost_usd,
      started_at,
      finished_at,
    });
  }

  /** One streamed delta, as the pipeline coalesces them: numbered, with the text's length after it. */
  delta(queryId: string, delta: string, { length }: { length?: number } = {}) {
    const run = this.runs.get(queryId)!;
    run.text += delta;
    run.seq += 1;
    this.#publish(
      "chat.answer.delta",
      { chat_context_id: run.chatId, item_id: run.answerId, seq: run.seq, delta, length: length ?? run.text.length },
      true,
    );
  }

  step(queryId: string, step: Omit<QueryStep, "number">) {
    const run = this.runs.get(queryId)!;
    const numbered = { ...step, number: run.query.steps.length + 1 };
    this.#setQuery(run, { ...run.query, steps: [...run.query.steps, numbered] });
    this.#publish("chat.query.step", {
      chat_context_id: run.chatId,
      item_id: run.answerId,
      query_id: queryId,
      step: numbered,
    });
  }

  /** The conversation's text stored on the answer, as the server keeps it once that stage ends. */
  storeText(queryId: string) {
    const run = this.runs.get(queryId)!;
    const items = this.#items(run.chatId);
    items.splice(items.indexOf(this.#answer(run)), 1, { ...this.#answer(run), text: run.text } as ChatItem);
  }

  /** The code model submitted: a version, the answer turned into its card, the stage completed. */
  completeWithModel(queryId: string, code: string, usage = { input_tokens: 1200, output_tokens: 340 }, cost = 0.0123) {
    const run = this.runs.get(queryId)!;
    const { version, item } = this.store.keep(run.chatId, code, { source: "ai" });
    // The store appended a card of its own; the answer item becomes the card instead.
    this.#items(run.chatId).splice(this.#items(run.chatId).indexOf(item), 1);
    const chat = this.store.chat(run.chatId)!;
    chat.usage = {
      input_tokens: chat.usage.input_tokens + usage.input_tokens,
      output_tokens: chat.usage.output_tokens + usage.output_tokens,
      cost_usd: chat.usage.cost_usd + cost,
    };
    const { version: summary } = item as Extract<ChatItem, { type: "3dmodel" }>;
    this.#publish("chat.version.created", { chat_context_id: run.chatId, version: summary });
    this.#replaceAnswer(run, {
      ...item,
      id: run.answerId,
      text: run.text,
      query: run.query,
    } as ChatItem);
    // The query's final record reaches this tab only in its terminal event, as it does from the server.
    this.#setQuery(run, { ...run.query, usage, cost_usd: cost, version_id: version.id });
    this.#publish("chat.context.updated", { context: chat });
    this.stage(queryId, "completed");
    return version;
  }

  fail(queryId: string, message: string) {
    const run = this.runs.get(queryId)!;
    this.#setQuery(run, { ...run.query, error: message });
    this.stage(queryId, "failed");
    this.#replaceAnswer(run, {
      ...this.#answer(run),
      type: "errormessage",
      state: "failed",
      text: message,
      error: null,
      query: run.query,
    } as ChatItem);
  }
}
