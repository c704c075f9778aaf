import type { ChatItem } from "@chat3d/shared";
import { useMutationState, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDownIcon, ChevronDownIcon, LayersIcon, MessagesSquareIcon } from "lucide-react";
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ListEmpty, ListError } from "@/components/list/list-states";
import { Button } from "@/components/ui/button";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { ApiClientError } from "@/lib/api-client";
import { cn } from "@/lib/utils";
import { useItems } from "../api/get-items";
import { sendMessageKey, useSendMessage, type MessageDraft } from "../api/send-message";
import { isQuestion, useSendQuery, type Question } from "../api/send-query";
import { OutgoingItem, TimelineItem, type OutgoingMessage, type VersionLinks } from "./timeline-item";

type ModelEntry = Extract<ChatItem, { type: "3dmodel" }>;
type Row =
  | { key: string; item: ChatItem }
  | { key: string; versions: ModelEntry[] }
  | { key: string; outgoing: OutgoingMessage }
  | { key: "start" };

/** A version made without the AI (code, a slider, a restore): runs of them share one timeline entry. */
const isPlainVersion = (item: ChatItem): item is ModelEntry => item.type === "3dmodel" && !item.query;

/** The timeline's rows: every item, except that consecutive versions made without the AI become one group. */
function groupVersions(items: ChatItem[]): Row[] {
  const rows: Row[] = [];
  let run: ModelEntry[] = [];
  const flush = () => {
    if (run.length === 1) rows.push({ key: run[0]!.id, item: run[0]! });
    // Keyed by its first version, so the group stays one row (and keeps its open state) as versions join it.
    else if (run.length > 1) rows.push({ key: `versions-${run[0]!.id}`, versions: run });
    run = [];
  };
  for (const item of items) {
    if (isPlainVersion(item)) run.push(item);
    else {
      flush();
      rows.push({ key: item.id, item });
    }
  }
  flush();
  return rows;
}

type ItemProps = Omit<TimelineProps, "chatId">;

/** A run of versions as one entry: the newest shows, the rest open on request. */
function VersionGroup({
  versions,
  open,
  onToggle,
  ...itemProps
}: ItemProps & { versions: ModelEntry[]; open: boolean; onToggle: () => void }) {
  const listId = useId();
  const first = versions[0]!.version.number;
  const last = versions.at(-1)!;
  return (
    // Flex, not grid: a grid's track would grow to the cards' unwrapped text and push past a phone's edge.
    <div className="flex max-w-md min-w-0 flex-col gap-2">
      <div className="flex items-center gap-2 text-xs text-muted-foreground">
        <LayersIcon aria-hidden="true" className="size-3.5" />
        <span>
          {versions.length} versions · {first}–{last.version.number}
        </span>
        <Button
          variant="ghost"
          size="sm"
          className="ml-auto h-7 px-2"
          aria-expanded={open}
          aria-controls={listId}
          onClick={onToggle}
        >
          <ChevronDownIcon aria-hidden="true" className={cn("transition-transform", open && "rotate-180")} />
          {open ? "Show the newest only" : `Show all ${versions.length}`}
        </Button>
      </div>
      <div
        id={listId}
        role="list"
        aria-label={`Versions ${first} to ${last.version.number}`}
        className="flex min-w-0 flex-col gap-2"
      >
        {(open ? versions : [last]).map((entry) => (
          <div key={entry.id} role="listitem">
            <TimelineItem item={entry} {...itemProps} />
          </div>
        ))}
      </div>
    </div>
  );
}

type TimelineProps = VersionLinks & { chatId: string };

function TimelineSkeleton() {
  return (
    <LoadingRegion label="Loading messages…" className="flex flex-1 flex-col justify-end gap-5 p-4">
      <Skeleton className="ml-auto h-12 w-2/3 rounded-2xl" />
      <Skeleton className="h-20 w-3/4 max-w-md rounded-lg" />
      <Skeleton className="ml-auto h-9 w-1/2 rounded-2xl" />
    </LoadingRegion>
  );
}

/** Messages this tab is sending (or failed to send), from the sends' own state. */
function useOutgoing(chatId: string): OutgoingMessage[] {
  return useMutationState({
    filters: { mutationKey: sendMessageKey(chatId), predicate: (m) => m.state.status !== "success" },
    select: (mutation) => ({
      id: String(mutation.mutationId),
      // A note sends its text (and faces); a question for the AI sends the text with its pictures and faces.
      question: mutation.state.variables as MessageDraft | Question,
      text: (mutation.state.variables as MessageDraft | Question | undefined)?.text ?? "",
      failed: mutation.state.status === "error",
      error: mutation.state.error instanceof Error ? mutation.state.error.message : undefined,
    }),
  });
}

/**
 * The chat's timeline, oldest at the top. Only the entries on screen are in the page, so thousands stay smooth;
 * scrolling to the top brings the page before; new entries scroll into view unless the person scrolled up.
 */
function Timeline({ chatId, ...itemProps }: TimelineProps) {
  const query = useItems(chatId);
  const outgoing = useOutgoing(chatId);
  const send = useSendMessage(chatId);
  const ask = useSendQuery(chatId);
  const queryClient = useQueryClient();
  const scroller = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  const [openGroups, setOpenGroups] = useState<ReadonlySet<string>>(new Set());

  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const rows = useMemo<Row[]>(() => {
    // The saved message can arrive over the event stream before its own request answers: show it once.
    const recent = new Set(
      items.slice(-5).flatMap((item) => (item.type === "message" && item.role === "user" ? [item.text] : [])),
    );
    return [
      { key: "start" },
      ...groupVersions(items),
      ...outgoing
        .filter((message) => message.failed || !recent.has(message.text))
        .map((message) => ({ key: `outgoing-${message.id}`, outgoing: message })),
    ];
  }, [items, outgoing]);

  // eslint-disable-next-line react-hooks/incompatible-library -- read during render on purpose; nothing memoizes it
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (index === 0 ? 56 : 84),
    getItemKey: (index) => rows[index]!.key,
    overscan: 8,
    paddingEnd: 16,
    // New entries keep the view at the bottom only for someone already there; older pages keep the place.
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: 48,
    // Scrolling from a layout effect (opening at the newest entry) must not force a synchronous render.
    useFlushSync: false,
  });

  // The first page opens at its newest entry.
  const loaded = query.data !== undefined;
  useLayoutEffect(() => {
    if (loaded) virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
    // Once per chat: after that, the virtualizer follows appends itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, chatId]);

  const virtualRows = virtualizer.getVirtualItems();
  const startVisible = virtualRows[0]?.index === 0;
  const { hasPreviousPage, isFetchingPreviousPage, fetchPreviousPage } = query;
  useEffect(() => {
    if (loaded && startVisible && hasPreviousPage && !isFetchingPreviousPage) void fetchPreviousPage();
  }, [loaded, startVisible, hasPreviousPage, isFetchingPreviousPage, fetchPreviousPage]);

  if (query.error && !query.data) {
    return (
      <div className="flex flex-1 items-center">
        <ListError
          what="this chat's messages"
          error={query.error}
          retrying={query.isFetching}
          onRetry={() => void query.refetch()}
        />
      </div>
    );
  }
  if (!query.data) return <TimelineSkeleton />;

  const mutationFor = (id: string) =>
    queryClient
      .getMutationCache()
      .getAll()
      .find((m) => String(m.mutationId) === id);
  const retry = (message: OutgoingMessage) => {
    const mutation = mutationFor(message.id);
    if (mutation) queryClient.getMutationCache().remove(mutation);
    if (isQuestion(message.question)) ask.mutate(message.question);
    else send.mutate(message.question);
  };
  const discard = (message: OutgoingMessage) => {
    const mutation = mutationFor(message.id);
    if (mutation) queryClient.getMutationCache().remove(mutation);
  };

  const empty = rows.length === 1;
  const olderError = query.isFetchPreviousPageError ? query.error : null;

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scroller}
        data-virtual-scroller=""
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain"
        onScroll={() => setAtEnd(virtualizer.isAtEnd(48))}
      >
        {empty ? (
          <ListEmpty
            icon={MessagesSquareIcon}
            title="Nothing here yet"
            description="Describe the part you want, or paste build123d code into the Code tab and render it."
          />
        ) : (
          <div
            role="feed"
            aria-label="Timeline"
            aria-busy={isFetchingPreviousPage}
            className="relative mx-auto w-full max-w-3xl"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualRows.map((virtualRow) => {
              const row = rows[virtualRow.index]!;
              return (
                <div
                  key={virtualRow.key}
                  ref={virtualizer.measureElement}
                  data-index={virtualRow.index}
                  className="absolute top-0 left-0 w-full px-4 pt-4"
                  style={{ transform: `translateY(${virtualRow.start}px)` }}
                  {...(row.key !== "start"
                    ? {
                        role: "article",
                        "aria-posinset": virtualRow.index,
                        "aria-setsize": hasPreviousPage ? -1 : rows.length - 1,
                      }
                    : {})}
                >
                  {"item" in row ? (
                    <TimelineItem item={row.item} {...itemProps} />
                  ) : "versions" in row ? (
                    <VersionGroup
                      versions={row.versions}
                      open={openGroups.has(row.key)}
                      onToggle={() =>
                        setOpenGroups((open) => {
                          const next = new Set(open);
                          if (!next.delete(row.key)) next.add(row.key);
                          return next;
                        })
                      }
                      {...itemProps}
                    />
                  ) : "outgoing" in row ? (
                    <OutgoingItem
                      message={row.outgoing}
                      onRetry={() => retry(row.outgoing)}
                      onDiscard={() => discard(row.outgoing)}
                    />
                  ) : (
                    <div className="flex min-h-10 items-center justify-center text-xs text-muted-foreground">
                      {isFetchingPreviousPage ? (
                        <span className="flex items-center gap-2">
                          <Spinner aria-hidden="true" /> Loading older messages…
                        </span>
                      ) : olderError ? (
                        <span className="flex items-center gap-2 text-destructive">
                          {olderError instanceof ApiClientError ? olderError.message : "Couldn't load older messages."}
                          <Button variant="outline" size="sm" onClick={() => void fetchPreviousPage()}>
                            Try again
                          </Button>
                        </span>
                      ) : hasPreviousPage ? (
                        <Button variant="ghost" size="sm" onClick={() => void fetchPreviousPage()}>
                          Load older messages
                        </Button>
                      ) : (
                        "This is the start of the chat."
                      )}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
      {!atEnd && !empty && (
        <Button
          variant="outline"
          size="sm"
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow-md"
          onClick={() => virtualizer.scrollToIndex(rows.length - 1, { align: "end" })}
        >
          <ArrowDownIcon aria-hidden="true" /> Jump to latest
        </Button>
      )}
    </div>
  );
}

export { Timeline };
