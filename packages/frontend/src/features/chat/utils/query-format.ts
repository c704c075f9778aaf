import type { QueryState, QueryStep } from "@chat3d/shared";

/** The stages a person sees, in order; repairing shows as the render stage trying again. */
export const STAGES = [
  { state: "queued", label: "Queued" },
  { state: "conversation", label: "Reading" },
  { state: "codegen", label: "Coding" },
  { state: "rendering", label: "Rendering" },
] as const satisfies { state: QueryState; label: string }[];

/** What an answer is doing now, in a few words (also what a screen reader hears when the stage changes). */
export function stageSentence(state: QueryState, attempt = 0): string {
  switch (state) {
    case "queued":
      return "Waiting to start…";
    case "conversation":
      return "Reading your message…";
    case "codegen":
      return "Writing the code…";
    case "rendering":
      return "Rendering the model…";
    case "repairing":
      return attempt > 1 ? `Fixing a problem (attempt ${attempt})…` : "Fixing a problem…";
    case "completed":
      return "Done.";
    case "failed":
      return "Failed.";
    case "cancelled":
      return "Cancelled.";
  }
}

/** Which of `STAGES` a state belongs to: its index, so the ones before it are done. */
export function stageIndex(state: QueryState): number {
  if (state === "repairing") return 3;
  return STAGES.findIndex((s) => s.state === state);
}

const TOOL_LABELS: Record<QueryStep["tool"], string> = {
  render: "Rendered",
  look: "Looked",
  measure: "Measured",
  search_examples: "Searched examples",
  lookup_api: "Looked up the API",
  submit: "Submitted",
};

/** A step's words: its own summary, or the tool's name when the summary is empty. */
export function stepLabel(step: QueryStep): string {
  return step.summary.trim() || TOOL_LABELS[step.tool];
}

const integer = new Intl.NumberFormat("en");
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

/** "840 tokens", "12.4K tokens" */
export function formatTokens(tokens: number): string {
  return `${tokens < 10_000 ? integer.format(tokens) : compact.format(tokens)} tokens`;
}

/** "$0.0042", "$0.12", "$3.40"; a free model (a local one) costs "$0". */
export function formatCost(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** "4 s", "1 min 12 s" */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
}
