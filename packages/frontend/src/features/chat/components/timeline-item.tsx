import type { ChatItem } from "@chat3d/shared";
import { BoxIcon, CircleAlertIcon, RotateCcwIcon, XIcon } from "lucide-react";
import { memo } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";
import { cn } from "@/lib/utils";
import type { MessageDraft } from "../api/send-message";
import type { Question } from "../api/send-query";
import { formatSize, versionSourceLabel } from "../utils/format";
import { thumbnailScale } from "../utils/thumbnail-scale";
import { Answer } from "./answer";
import { MessageAttachments, MessageFaces } from "./attachments";
import { Markdown } from "./markdown";

/** A message on its way or refused: shown from the send's own state, never written into the cache. */
export type OutgoingMessage = {
  id: string;
  text: string;
  /** What was sent, to send again: a note (with its faces), or a question with its pictures and faces. */
  question: MessageDraft | Question;
  failed: boolean;
  error?: string;
};

/** How an entry links to, names and draws the chat's versions: the timeline passes these to every entry. */
export type VersionLinks = {
  thumbnailUrl: (fileId: string) => string;
  versionHref: (versionId: string) => string;
  numberOf: (versionId: string) => number | undefined;
  currentVersionId: string | null;
  viewedVersionId: string | null;
  /** The chat's largest part (mm), so thumbnails share one scale. */
  largestExtent: number | null;
};

type TimelineItemProps = VersionLinks & { item: ChatItem };

function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className="text-xs text-muted-foreground">
      {formatRelativeTime(iso)}
    </time>
  );
}

function ItemState({ item }: { item: ChatItem }) {
  if (item.state === "pending")
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <Spinner aria-hidden="true" /> Working on it…
      </p>
    );
  if (item.state === "failed") return <p className="text-sm text-destructive">This answer failed.</p>;
  if (item.state === "cancelled") return <p className="text-sm text-muted-foreground">Cancelled.</p>;
  return null;
}

function ModelItem({
  item,
  thumbnailUrl,
  versionHref,
  numberOf,
  currentVersionId,
  viewedVersionId,
  largestExtent,
}: TimelineItemProps & { item: Extract<ChatItem, { type: "3dmodel" }> }) {
  const { version } = item;
  const viewing = version.id === viewedVersionId;
  return (
    <div
      className={cn(
        "flex max-w-md items-center gap-3 rounded-lg border bg-card p-2.5 pr-3 shadow-xs",
        viewing && "border-primary/50 ring-2 ring-primary/15",
      )}
    >
      <div className="flex size-16 shrink-0 items-center justify-center overflow-hidden rounded-md border bg-muted/60">
        {version.thumbnail_file_id ? (
          <img
            src={thumbnailUrl(version.thumbnail_file_id)}
            alt=""
            loading="lazy"
            className="size-full object-contain"
            style={{ transform: `scale(${thumbnailScale(version.size, largestExtent)})` }}
          />
        ) : (
          <BoxIcon aria-hidden="true" className="size-6 text-muted-foreground" />
        )}
      </div>
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="font-medium">Version {version.number}</span>
          {version.id === currentVersionId && <Badge variant="secondary">Current</Badge>}
          {version.kind === "2d" && <Badge variant="outline">2D</Badge>}
        </div>
        <p className="truncate text-sm text-muted-foreground">
          {/* An AI answer shows its words above the card. */}
          {(item.query ? null : item.text) ?? versionSourceLabel(version, numberOf)} · <Time iso={item.created_at} />
        </p>
        {version.size && <p className="text-xs text-muted-foreground tabular-nums">{formatSize(version.size)}</p>}
      </div>
      <Button asChild variant={viewing ? "secondary" : "outline"} size="sm">
        <Link
          to={versionHref(version.id)}
          aria-current={viewing ? "true" : undefined}
          aria-label={`View version ${version.number}`}
        >
          {viewing ? "Viewing" : "View"}
        </Link>
      </Button>
    </div>
  );
}

/** One entry of the timeline: a message, an error, a model version, or a note about the chat. */
export const TimelineItem = memo(function TimelineItem(props: TimelineItemProps) {
  const { item } = props;
  if (item.query && item.type !== "meta") {
    return (
      <Answer item={item} query={item.query}>
        {item.type === "3dmodel" && <ModelItem {...props} item={item} />}
      </Answer>
    );
  }
  switch (item.type) {
    case "message": {
      const mine = item.role === "user";
      return (
        <div className={cn("flex flex-col gap-1", mine ? "items-end" : "items-start")}>
          <div
            className={cn(
              "max-w-[85%] rounded-2xl px-3.5 py-2",
              mine ? "rounded-br-md bg-primary/10 text-foreground dark:bg-primary/20" : "rounded-bl-md bg-muted",
            )}
          >
            <span className="sr-only">{mine ? "You said: " : "Chat3D said: "}</span>
            <Markdown>{item.text}</Markdown>
            <ItemState item={item} />
          </div>
          <MessageAttachments attachments={item.attachments} fileUrl={props.thumbnailUrl} />
          <MessageFaces faces={item.faces} />
          <Time iso={item.created_at} />
        </div>
      );
    }
    case "errormessage":
      return (
        <div className="flex max-w-[85%] gap-2.5 rounded-lg border border-destructive/30 bg-destructive/5 px-3.5 py-2.5 text-sm">
          <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
          <div className="min-w-0 space-y-1">
            <p className="font-medium text-destructive">
              {item.error?.type ? `Render failed (${item.error.type})` : "Something went wrong"}
              {item.error?.line ? ` on line ${item.error.line}` : ""}
            </p>
            <Markdown>{item.text}</Markdown>
            <Time iso={item.created_at} />
          </div>
        </div>
      );
    case "3dmodel":
      return <ModelItem {...props} item={item} />;
    case "meta":
      return (
        <p className="mx-auto w-fit max-w-[85%] rounded-full bg-muted/70 px-3 py-1 text-center text-xs text-muted-foreground">
          {item.text}
        </p>
      );
  }
});

/** A message of this tab that has not been saved yet: sending, or refused with a way to try again. */
export function OutgoingItem({
  message,
  onRetry,
  onDiscard,
}: {
  message: OutgoingMessage;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  return (
    <div className="flex flex-col items-end gap-1">
      <div
        className={cn(
          "max-w-[85%] rounded-2xl rounded-br-md px-3.5 py-2",
          message.failed
            ? "border border-destructive/40 bg-destructive/5"
            : "bg-primary/10 opacity-70 dark:bg-primary/20",
        )}
      >
        <span className="sr-only">You said: </span>
        <Markdown>{message.text}</Markdown>
      </div>
      {message.failed ? (
        <div role="alert" className="flex flex-wrap items-center justify-end gap-1 text-xs text-destructive">
          <span>Not sent{message.error ? `: ${message.error}` : "."}</span>
          <Button variant="ghost" size="sm" className="h-7 px-2" onClick={onRetry}>
            <RotateCcwIcon aria-hidden="true" /> Retry
          </Button>
          <Button variant="ghost" size="sm" className="h-7 px-2" onClick={onDiscard}>
            <XIcon aria-hidden="true" /> Discard
          </Button>
        </div>
      ) : (
        <span className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <Spinner aria-hidden="true" className="size-3" /> Sending…
        </span>
      )}
    </div>
  );
}
