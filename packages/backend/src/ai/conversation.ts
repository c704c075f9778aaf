import { DesignBriefSchema, type DesignBrief } from "@chat3d/shared";
import { streamText, tool, type ModelMessage } from "ai";
import { priceOf, type Spend } from "./codegen/loop.js";
import type { UsableModel } from "./providers/registry.js";

export const CODEGEN_INPUT_TOOL = "generate_3d_model";

export interface Conversation {
  model: UsableModel;
  system: string;
  messages: ModelMessage[];
  signal: AbortSignal;
  timeoutMs: number;
  /** Each piece of streamed text, as it arrives. */
  onText?(delta: string): void;
}

/**
 * Stage 1, one call: the conversation model streams its answer, and may hand a design brief over through
 * its one tool. Errors inside the stream are thrown, so the caller's retries see them.
 */
export async function converse(c: Conversation): Promise<{ text: string; brief: DesignBrief | null; spend: Spend }> {
  const result = streamText({
    model: c.model.model,
    system: c.system,
    messages: c.messages,
    tools: {
      [CODEGEN_INPUT_TOOL]: tool({
        description:
          "Build a new 3D model, or change the chat's current one, from a complete design brief. Call it whenever the person wants a part made or changed.",
        inputSchema: DesignBriefSchema,
      }),
    },
    maxRetries: 0,
    abortSignal: c.signal,
    timeout: c.timeoutMs,
    // Errors arrive as stream parts and are handled there; the SDK's default would print them.
    onError: () => undefined,
  });
  let text = "";
  let brief: DesignBrief | null = null;
  for await (const part of result.stream) {
    if (part.type === "text-delta") {
      text += part.text;
      c.onText?.(part.text);
    } else if (part.type === "tool-call" && part.toolName === CODEGEN_INPUT_TOOL && !part.invalid) {
      brief = DesignBriefSchema.parse(part.input);
    } else if (part.type === "error") {
      throw part.error;
    }
  }
  return { text, brief, spend: priceOf(await result.totalUsage, c.model) };
}
