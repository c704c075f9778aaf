import type { ChatItem, ModelMetrics } from "@chat3d/shared";
import type { ModelMessage } from "ai";

/** A rough token count (four characters a token): enough to keep a history inside a budget. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

export function describeMetrics(metrics: ModelMetrics): string {
  const [x, y, z] = metrics.bounding_box.size.map((v) => Number(v.toFixed(2)));
  return metrics.solids
    ? `${metrics.solids} solid(s), ${x} × ${y} × ${z} mm overall, volume ${metrics.volume?.toFixed(0) ?? "?"} mm³, ${metrics.watertight ? "watertight" : "not watertight"}`
    : `a 2D result, ${x} × ${y} mm, area ${metrics.area?.toFixed(0) ?? "?"} mm²`;
}

function toMessage(item: ChatItem): ModelMessage | undefined {
  switch (item.type) {
    case "message":
      if (!item.text.trim()) return undefined;
      return item.role === "user" ? { role: "user", content: item.text } : { role: "assistant", content: item.text };
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
export function historyMessages(items: ChatItem[], budget: number): ModelMessage[] {
  const messages: ModelMessage[] = [];
  let used = 0;
  let omitted = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const message = toMessage(items[i]!);
    if (!message) continue;
    const cost = estimateTokens(String(message.content));
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
