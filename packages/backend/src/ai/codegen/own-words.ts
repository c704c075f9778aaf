import type { ModelMessage } from "ai";

/** Pieces shorter than this ("OK.", "Done.") are too common to call an echo. */
const MIN_ECHO_CHARS = 12;

const normal = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

/** Every string inside a tool's output (JSON or text), and the output as a whole. */
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === "object") return [JSON.stringify(value), ...Object.values(value).flatMap(stringsOf)];
  return [];
}

/** What the app itself said to the model during the loop: its tools' results, and `extra` (notes it added). */
export function appWords(messages: ModelMessage[], extra: string[]): string[] {
  const results = messages.flatMap((m) =>
    m.role === "tool"
      ? m.content.flatMap((part) =>
          part.type === "tool-result" && "value" in part.output ? stringsOf(part.output.value) : [],
        )
      : [],
  );
  return [...results, ...extra].map(normal);
}

/**
 * The model's final words for the person, without what it repeats of the app's own tool text (a sentence
 * found verbatim in a tool result or a note the app added): that text is the app talking to the model.
 */
export function ownWords(comment: string, app: string[]): string {
  const echoed = (piece: string) => {
    const n = normal(piece);
    return n.length >= MIN_ECHO_CHARS && app.some((said) => said.includes(n));
  };
  return comment
    .split("\n")
    .flatMap((line) => {
      if (!line.trim()) return [line];
      const kept = line
        .split(/(?<=[.!?:])\s+/)
        .filter((sentence) => !echoed(sentence))
        .join(" ");
      return kept.trim() ? [kept] : [];
    })
    .join("\n")
    .trim();
}
