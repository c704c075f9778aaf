import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import type { DesignBrief, LlmModel } from "@chat3d/shared";
import { APICallError, simulateReadableStream } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import type { UsableModel } from "../../src/ai/providers/registry.js";

export interface ToolCall {
  name: string;
  input: unknown;
}

/**
 * One scripted answer of a mock model: streamed text, a tool call, several tool calls (the code model's
 * loop), a JSON object, an error, or a stall. `reply` decides the turn from the prompt the model was given.
 */
export type Turn =
  | { text: string; toolCall?: ToolCall }
  | { toolCall: ToolCall }
  | { calls: ToolCall[]; text?: string }
  | { json: unknown }
  | { raw: string }
  | { fail: "rate_limited" | "server_error" | "timeout" }
  | { stallAfter: string }
  | { reply: (prompt: LanguageModelV4CallOptions) => Turn };

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});

function failure(kind: "rate_limited" | "server_error" | "timeout"): Error {
  if (kind === "timeout") return Object.assign(new Error("The operation timed out."), { name: "TimeoutError" });
  const status = kind === "rate_limited" ? 429 : 503;
  return new APICallError({
    message: kind,
    url: "http://provider.invalid/v1/chat",
    requestBodyValues: {},
    statusCode: status,
    responseHeaders: kind === "rate_limited" ? { "retry-after": "0" } : {},
    isRetryable: true,
  });
}

function chunks(turn: Turn): LanguageModelV4StreamPart[] {
  const parts: LanguageModelV4StreamPart[] = [];
  if ("text" in turn && turn.text) {
    parts.push({ type: "text-start", id: "t" });
    // One delta a word, as a provider streams them.
    for (const word of turn.text.match(/\S+\s*/g) ?? []) parts.push({ type: "text-delta", id: "t", delta: word });
    parts.push({ type: "text-end", id: "t" });
  }
  if ("toolCall" in turn && turn.toolCall) {
    parts.push({
      type: "tool-call",
      toolCallId: "call-1",
      toolName: turn.toolCall.name,
      input: JSON.stringify(turn.toolCall.input),
    });
  }
  parts.push({
    type: "finish",
    finishReason: { unified: "toolCall" in turn && turn.toolCall ? "tool-calls" : "stop", raw: undefined },
    usage: usage(120, 40),
  } as LanguageModelV4StreamPart);
  return parts;
}

/**
 * A mock language model that answers with `turns`, one per call (the last repeats), and keeps every prompt
 * it was given so a test can read what the pipeline sent.
 */
export class ScriptedModel {
  readonly prompts: LanguageModelV4CallOptions[] = [];
  readonly model: MockLanguageModelV4;
  private next = 0;

  constructor(
    readonly id: string,
    private readonly turns: Turn[],
    /** Tokens each whole (not streamed) answer reports. */
    spends: { input: number; output: number } = { input: 900, output: 300 },
  ) {
    this.model = new MockLanguageModelV4({
      provider: "mock",
      modelId: id,
      doStream: async (options) => {
        this.prompts.push(options);
        const turn = this.take(options);
        if ("fail" in turn) throw failure(turn.fail);
        if ("stallAfter" in turn) return { stream: this.stall(turn.stallAfter, options.abortSignal) };
        return { stream: simulateReadableStream({ chunks: chunks(turn), chunkDelayInMs: 5 }) };
      },
      doGenerate: async (options) => {
        this.prompts.push(options);
        const turn = this.take(options);
        if ("fail" in turn) throw failure(turn.fail);
        if ("stallAfter" in turn) return this.stallWhole(options.abortSignal);
        const calls = "calls" in turn ? turn.calls : "toolCall" in turn && turn.toolCall ? [turn.toolCall] : [];
        const text =
          "json" in turn
            ? JSON.stringify(turn.json)
            : "raw" in turn
              ? turn.raw
              : "text" in turn
                ? (turn.text ?? "")
                : "";
        return {
          content: [
            ...(text ? [{ type: "text" as const, text }] : []),
            ...calls.map((call, i) => ({
              type: "tool-call" as const,
              toolCallId: `call-${this.prompts.length}-${i}`,
              toolName: call.name,
              input: JSON.stringify(call.input),
            })),
          ],
          finishReason: { unified: calls.length ? "tool-calls" : "stop", raw: undefined },
          usage: usage(spends.input, spends.output),
          warnings: [],
        };
      },
    });
  }

  private take(options: LanguageModelV4CallOptions): Exclude<Turn, { reply: unknown }> {
    const turn = this.turns[Math.min(this.next, this.turns.length - 1)]!;
    this.next += 1;
    return "reply" in turn ? (turn.reply(options) as Exclude<Turn, { reply: unknown }>) : turn;
  }

  /** A whole answer that never comes: resolves only into the abort (a model stuck in thought). */
  private stallWhole(signal: AbortSignal | undefined): Promise<never> {
    return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
  }

  /** Streams some text, then waits until the call is aborted (a cancelled or stuck request). */
  private stall(text: string, signal: AbortSignal | undefined) {
    return new ReadableStream<LanguageModelV4StreamPart>({
      start(controller) {
        controller.enqueue({ type: "text-start", id: "t" });
        controller.enqueue({ type: "text-delta", id: "t", delta: text });
        signal?.addEventListener("abort", () => controller.error(signal.reason));
      },
    });
  }

  /** The text of the last prompt the pipeline sent, system and messages together. */
  lastPromptText(): string {
    return JSON.stringify(this.prompts.at(-1)?.prompt ?? []);
  }

  /** Every prompt's text, oldest first. */
  allPromptText(): string {
    return JSON.stringify(this.prompts.map((p) => p.prompt));
  }

  /** The image parts (media type and size) of the prompt at `index` (default: the last one). */
  images(index = this.prompts.length - 1): Array<{ mediaType: string; bytes: number }> {
    const prompt = this.prompts[index]?.prompt ?? [];
    return prompt.flatMap((message) =>
      Array.isArray(message.content)
        ? message.content.flatMap((part) => {
            if (part.type !== "file" || !part.mediaType.startsWith("image/")) return [];
            const data = part.data as { type?: string; data?: unknown } | Uint8Array | string;
            const raw = typeof data === "object" && "type" in data && data.type === "data" ? data.data : data;
            const bytes = typeof raw === "string" ? Buffer.from(raw, "base64").length : (raw as Uint8Array).length;
            return [{ mediaType: part.mediaType, bytes }];
          })
        : [],
    );
  }
}

export function usableModel(
  scripted: ScriptedModel,
  info: Partial<LlmModel> = {},
  price = { input: 3, output: 15 },
): UsableModel {
  return {
    info: {
      id: scripted.id,
      provider: "anthropic",
      label: scripted.id,
      roles: ["conversation", "codegen"],
      accepts_images: false,
      supports_tools: true,
      ...info,
    },
    price,
    model: scripted.model,
  };
}

/** A design brief with nothing stated but what `patch` says. */
export function designBrief(patch: Partial<DesignBrief>): DesignBrief {
  return {
    summary: "",
    change_of_current: false,
    dimensions: [],
    features: [],
    holes: [],
    parts: [],
    single_solid: true,
    open_questions: [],
    ...patch,
  };
}
