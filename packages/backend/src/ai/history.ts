import type { ChatItem, ModelMetrics } from "@chat3d/shared";
import type { ModelMessage } from "ai";
import type { PromptPart } from "./providers/parts.js";

/** What the question being answered carries besides its words: images, and the faces it points at. */
export interface QuestionExtras {
  itemId: string;
  parts: PromptPart[];
}

/** A rough token count (four characters a token): enough to keep a history inside a budget. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

export function describeMetrics(metrics: ModelMetrics): string {
  const [x, y, z] = metrics.bounding_box.size.map((v) => Number(v.toFixed(2)));
  return metrics.solids
    ? `${metrics.solids} solid(s), ${x} × ${y} × ${z} mm overall, volume ${metrics.volume?.toFixed(0) ?? "?"} mm³, ${metrics.watertight ? "watertight" : "not watertight"}`
    : `a 2D result, ${x} × ${y} mm, area ${metrics.area?.toFixed(0) ?? "?"} mm²`;
}

/** Providers bill an image at roughly a thousand tokens, whatever its bytes. */
const IMAGE_TOKENS = 1000;

function messageTokens(message: ModelMessage): number {
  if (typeof message.content === "string") return estimateTokens(message.content);
  return (message.content as Array<{ type: string; text?: string }>).reduce(
    (sum, part) => sum + (part.type === "text" ? estimateTokens(part.text ?? "") : IMAGE_TOKENS),
    0,
  );
}

function toMessage(item: ChatItem, extras?: QuestionExtras): ModelMessage | undefined {
  switch (item.type) {
    case "message":
      if (!item.text.trim()) return undefined;
      if (item.role !== "user") return { role: "assistant", content: item.text };
      if (extras?.itemId === item.id && extras.parts.length) {
        return { role: "user", content: [{ type: "text", text: item.text }, ...extras.parts] };
      }
      // Earlier questions' images are not sent again; that they were there is.
      return {
        role: "user",
        content: item.attachments.length
          ? `${item.text}\n[Sent ${item.attachments.length} image(s): ${item.attachments.map((a) => a.name).join(", ")}]`
          : item.text,
      };
    case "3dmodel":
      return {
        role: "assistant",
        content: `[Made model version ${item.version.number}${item.text ? `: ${item.text}` : ""}]`,
      };
    case "errormessage":
      return { role: "assistant", content: `[That attempt failed: ${item.text}]` };
    case "meta":
      return undefined;
  }
}

/**
 * The chat as the conversation model sees it: the newest messages that fit `budget` tokens, oldest first,
 * with a note when older ones were left out.
 */
export function historyMessages(items: ChatItem[], budget: number, extras?: QuestionExtras): ModelMessage[] {
  const messages: ModelMessage[] = [];
  let used = 0;
  let omitted = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const message = toMessage(items[i]!, extras);
    if (!message) continue;
    const cost = messageTokens(message);
    if (used + cost > budget && messages.length) {
      omitted = items.slice(0, i + 1).filter((it) => toMessage(it)).length;
      break;
    }
    used += cost;
    messages.unshift(message);
  }
  if (omitted) messages.unshift({ role: "user", content: `(${omitted} earlier messages of this chat are not shown.)` });
  // Providers want the conversation to start with the person, and to alternate.
  while (messages[0]?.role === "assistant") messages.shift();
  return messages;
}
