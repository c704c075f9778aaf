import type { FilePart, TextPart } from "ai";

/** What a prompt given to a model is made of: words, and images. */
export type PromptPart = TextPart | FilePart;

/**
 * An image in the one shape every provider package reads right: a `file` part with base64 data. Raw bytes
 * crash ollama-ai-provider-v2 (its converter hands them to a base64 decoder as if they were text).
 */
export function imagePart(data: Uint8Array | string, mediaType: string): FilePart {
  const base64 =
    typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
  return { type: "file", mediaType, data: { type: "data", data: base64 } };
}
