import { TERMINAL_QUERY_STATES, type ChatItem, type QueryStatus } from "@chat3d/shared";
import {
  CheckIcon,
  ChevronRightIcon,
  CircleAlertIcon,
  CircleXIcon,
  RefreshCwIcon,
  RotateCcwIcon,
  SquareIcon,
  ThumbsDownIcon,
  ThumbsUpIcon,
} from "lucide-react";
import type * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";
import { useControlQuery, type QueryAction } from "../api/control-query";
import { useModels } from "../api/get-models";
import { useRateItem, type Rating } from "../api/rate-item";
import { useStreamAnnouncement } from "../hooks/use-announcer";
import { useElapsed } from "../hooks/use-elapsed";
import {
  STAGES,
  formatCost,
  formatDuration,
  formatTokens,
  stageIndex,
  stageSentence,
  stepLabel,
} from "../utils/query-format";
import { Markdown } from "./markdown";

type AnswerItem = Exclude<ChatItem, { type: "meta" }>;

/** Where a running answer is: the current stage in words, the four stages as a bar, the time it has taken. */
function StageIndicator({
  query,
  onCancel,
  cancelling,
}: {
  query: QueryStatus;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const elapsed = useElapsed(query.started_at, null, true);
  const current = stageIndex(query.state);
  const repairs = query.attempts.length;
  return (
    <div className="mt-2 space-y-1.5">
      <div className="flex min-h-8 items-center gap-2 text-xs text-muted-foreground">
        <Spinner aria-hidden="true" className="size-3.5" />
        <span role="status" className="min-w-0 truncate font-medium text-foreground">
          {stageSentence(query.state, repairs)}
        </span>
        <span className="shrink-0 whitespace-nowrap tabular-nums" aria-label={`${formatDuration(elapsed)} so far`}>
          {formatDuration(elapsed)}
        </span>
        <Button
          type="button"
          variant="outline"
          size="sm"
          className="ml-auto h-7 shrink-0 px-2 text-xs"
          onClick={onCancel}
          disabled={cancelling}
        >
          <SquareIcon aria-hidden="true" className="size-3" /> Cancel
        </Button>
      </div>
      <ol aria-label="Stages" className="grid grid-cols-4 gap-1">
        {STAGES.map((stage, index) => (
          <li key={stage.state} aria-current={index === current ? "step" : undefined} className="min-w-0 space-y-1">
            <div
              className={cn(
                "h-1 rounded-full",
                index < current ? "bg-primary" : index === current ? "animate-pulse bg-primary/60" : "bg-muted",
              )}
            />
            <span
              className={cn(
                "block truncate text-[11px]",
                index === current ? "font-medium text-foreground" : "text-muted-foreground",
              )}
            >
              {stage.label}
              <span className="sr-only">{index < current ? " (done)" : index === current ? " (now)" : ""}</span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The tool calls and code attempts behind an answer, folded away until someone wants them. */
function AnswerDetails({ query }: { query: QueryStatus }) {
  const models = useModels();
  const label = (id: string) => models.data?.models.find((m) => m.id === id)?.label ?? id;
  const repairs = Math.max(0, query.attempts.length - 1);
  const summary = [
    query.steps.length ? `${query.steps.length} step${query.steps.length === 1 ? "" : "s"}` : null,
    repairs ? `${repairs} repair${repairs === 1 ? "" : "s"}` : null,
  ].filter(Boolean);
  return (
    <details className="group mt-1 text-xs">
      <summary className="flex w-fit cursor-pointer list-none items-center gap-1 rounded text-muted-foreground outline-none select-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50 [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon aria-hidden="true" className="size-3.5 transition-transform group-open:rotate-90" />
        Details{summary.length ? ` · ${summary.join(" · ")}` : ""}
      </summary>
      <div className="mt-2 space-y-3 rounded-md border bg-background/60 p-2.5">
        <p className="text-muted-foreground">
          Chat model <span className="text-foreground">{label(query.conversation_model_id)}</span> · code model{" "}
          <span className="text-foreground">{label(query.codegen_model_id)}</span>
        </p>
        {query.steps.length > 0 && (
          <section aria-label="Steps">
            <h4 className="mb-1 font-medium">Steps</h4>
            <ol className="space-y-0.5">
              {query.steps.map((step) => (
                <li key={step.number} className="flex items-start gap-1.5">
                  {step.ok ? (
                    <CheckIcon aria-label="ok" className="mt-0.5 size-3 shrink-0 text-success" />
                  ) : (
                    <CircleXIcon aria-label="problem" className="mt-0.5 size-3 shrink-0 text-destructive" />
                  )}
                  <span className="min-w-0 break-words">{stepLabel(step)}</span>
                </li>
              ))}
            </ol>
          </section>
        )}
        {query.attempts.length > 0 && (
          <section aria-label="Attempts">
            <h4 className="mb-1 font-medium">Code attempts</h4>
            <ol className="space-y-1.5">
              {query.attempts.map((attempt) => (
                <li key={attempt.number}>
                  <details>
                    <summary className="cursor-pointer rounded outline-none focus-visible:ring-2 focus-visible:ring-ring/50">
                      Attempt {attempt.number}:{" "}
                      {attempt.outcome === "rendered"
                        ? "rendered"
                        : `${attempt.problem ?? attempt.outcome.replace("_", " ")}${attempt.line ? ` (line ${attempt.line})` : ""}`}
                    </summary>
                    <pre className="mt-1 max-h-48 overflow-auto rounded border bg-muted/60 p-2 font-mono text-[11px] leading-relaxed">
                      {attempt.code}
                    </pre>
                  </details>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </details>
  );
}

const THUMBS = [
  { value: 1, label: "Good answer", Icon: ThumbsUpIcon, tone: "text-primary" },
  { value: -1, label: "Bad answer", Icon: ThumbsDownIcon, tone: "text-destructive" },
] as const;

function RatingButtons({ item }: { item: AnswerItem }) {
  const rate = useRateItem();
  const set = (value: -1 | 1) => {
    const rating: Rating = item.rating === value ? null : value;
    rate.mutate(
      { itemId: item.id, rating },
      { onError: (error) => toast.error("Couldn't save the rating", { description: error.message }) },
    );
  };
  return (
    <div role="group" aria-label="Rate this answer" className="flex items-center">
      {THUMBS.map(({ value, label, Icon, tone }) => {
        const pressed = item.rating === value;
        return (
          <Button
            key={value}
            type="button"
            variant="ghost"
            size="icon-sm"
            className={cn("size-7", pressed && tone)}
            aria-label={label}
            aria-pressed={pressed}
            onClick={() => set(value)}
          >
            <Icon aria-hidden="true" className={cn("size-3.5", pressed && "fill-current")} />
          </Button>
        );
      })}
    </div>
  );
}

/** What the answer cost and how long it took, once it is over. */
function Usage({ query }: { query: QueryStatus }) {
  const elapsed = useElapsed(query.started_at, query.finished_at ?? query.updated_at, false);
  const tokens = query.usage.input_tokens + query.usage.output_tokens;
  return (
    <p
      className="ml-auto text-[11px] text-muted-foreground tabular-nums"
      title={`${query.usage.input_tokens} tokens in, ${query.usage.output_tokens} out`}
    >
      {[tokens ? formatTokens(tokens) : null, formatCost(query.cost_usd), formatDuration(elapsed)]
        .filter(Boolean)
        .join(" · ")}
    </p>
  );
}

/**
 * An answer of the AI: its text as it streams (announced politely, in phrases), the stage while it runs
 * (with Cancel), then its model, its cost, a rating, Retry or Regenerate, and the steps it took.
 */
export function Answer({
  item,
  query,
  children,
}: {
  item: AnswerItem;
  query: QueryStatus;
  /** The answer's model card, when it made one. */
  children?: React.ReactNode;
}) {
  const control = useControlQuery(item.chat_context_id);
  const running = !TERMINAL_QUERY_STATES.includes(query.state);
  const text = item.text ?? "";
  const announcement = useStreamAnnouncement(text, running);
  const act = (action: QueryAction) =>
    control.mutate(
      { queryId: query.id, itemId: item.id, action },
      {
        onError: (error) =>
          toast.error(
            action === "cancel"
              ? "Couldn't stop the answer"
              : action === "retry"
                ? "Couldn't retry"
                : "Couldn't ask again",
            { description: error.message },
          ),
      },
    );

  return (
    <div className="flex flex-col items-start gap-1" aria-busy={running}>
      <div className="w-full max-w-[92%] space-y-2 rounded-2xl rounded-bl-md bg-muted px-3.5 py-2 sm:max-w-[85%]">
        <span className="sr-only">Chat3D said: </span>
        {item.type === "errormessage" ? (
          <div className="flex gap-2 text-sm">
            <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
            <div className="min-w-0">
              <p className="font-medium text-destructive">The answer failed</p>
              <Markdown>{query.error ?? item.text}</Markdown>
            </div>
          </div>
        ) : text ? (
          <Markdown>{text}</Markdown>
        ) : running ? (
          <p className="text-sm text-muted-foreground italic">Thinking…</p>
        ) : query.state === "cancelled" ? (
          <p className="text-sm text-muted-foreground">Cancelled before it said anything.</p>
        ) : null}
        {children}
        {item.type === "message" && query.state === "cancelled" && text && (
          <p className="text-xs text-muted-foreground">Cancelled.</p>
        )}
        {running ? (
          <StageIndicator query={query} onCancel={() => act("cancel")} cancelling={control.isPending} />
        ) : (
          <div className="flex min-h-8 flex-wrap items-center gap-1 border-t border-foreground/5 pt-1">
            <RatingButtons item={item} />
            {/* A finished answer can be asked again; a failed or cancelled one, tried again. */}
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="h-7 px-2 text-xs"
              onClick={() => act(query.state === "completed" ? "regenerate" : "retry")}
              disabled={control.isPending}
            >
              {query.state === "completed" ? (
                <>
                  <RefreshCwIcon aria-hidden="true" className="size-3.5" /> Regenerate
                </>
              ) : (
                <>
                  <RotateCcwIcon aria-hidden="true" className="size-3.5" /> Retry
                </>
              )}
            </Button>
            <Usage query={query} />
          </div>
        )}
        {(query.steps.length > 0 || query.attempts.length > 0 || !running) && <AnswerDetails query={query} />}
      </div>
      <div aria-live="polite" className="sr-only">
        {announcement}
      </div>
    </div>
  );
}
