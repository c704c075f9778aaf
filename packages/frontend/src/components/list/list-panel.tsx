import type { LucideIcon } from "lucide-react";
import { ListEndIcon } from "lucide-react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { ListEmpty, ListError } from "./list-states";
import { Pagination } from "./pagination";

/** What a list panel needs of its query (a TanStack Query result fits). */
export type ListQuery<TData> = {
  data: TData | undefined;
  error: Error | null;
  isFetching: boolean;
  isPlaceholderData: boolean;
  refetch: () => unknown;
};

/** A page of a list; `total` and `page` are there when the list is paged (the shared `Paginated`). */
export type ListData<T> = { items: readonly T[]; total?: number; page?: number };

export type ListEmptyContent = {
  icon: LucideIcon;
  title: string;
  description: React.ReactNode;
  /** The way back to something to see: "Clear filters". */
  action?: React.ReactNode;
};

/** Passed to the list's renderer, so a DataTable can show the request in flight and stale rows. */
export type ListRenderState = { busy: boolean; stale: boolean };

type ListPanelProps<TData extends ListData<unknown>> = {
  query: ListQuery<TData>;
  /** Names the list in its messages: "Couldn't load {what}", "Loading {what}…". */
  what: string;
  /** Filters and actions above the list (see ListToolbar). */
  toolbar?: React.ReactNode;
  /** Between the toolbar and the list: a bar for the selection, the outcome of a bulk action. */
  banner?: React.ReactNode;
  /** What to say when the list has nothing (with `data`, to tell "no matches" from "nothing yet"). */
  empty: (data: TData) => ListEmptyContent;
  /** Paging: a page size and what a page change does (usually an address change). */
  paging?: { pageSize: number; onPageChange: (page: number) => void };
  className?: string;
  /** The list itself, given its items (undefined while the first page loads: show skeleton rows). */
  children: (items: TData["items"] | undefined, state: ListRenderState) => React.ReactNode;
};

/** Keeps the pager's place while the first page loads, so nothing below it moves when the list arrives. */
function PaginationSkeleton() {
  return (
    <div aria-hidden="true" className="flex items-center justify-between gap-3 border-t px-4 py-3 sm:px-6">
      <Skeleton className="h-4 w-32" />
      <div className="flex gap-2">
        <Skeleton className="h-8 w-9 sm:w-24" />
        <Skeleton className="h-8 w-9 sm:w-20" />
      </div>
    </div>
  );
}

/**
 * A list in a card: filters on top, then the list, its skeleton, its empty state, or its error with a retry;
 * paging and the results count (announced as it changes) underneath. The chat list and timeline use it too.
 */
function ListPanel<TData extends ListData<unknown>>({
  query,
  what,
  toolbar,
  banner,
  empty,
  paging,
  className,
  children,
}: ListPanelProps<TData>) {
  const { data } = query;
  const total = data?.total ?? data?.items.length ?? 0;
  const pastTheEnd = paging && data && data.items.length === 0 && total > 0;

  let body: React.ReactNode;
  if (!data && query.error) {
    body = (
      <ListError what={what} error={query.error} retrying={query.isFetching} onRetry={() => void query.refetch()} />
    );
  } else if (pastTheEnd) {
    body = (
      <ListEmpty icon={ListEndIcon} title="Nothing on this page" description="This page is past the end of the list.">
        <Button variant="outline" onClick={() => paging.onPageChange(1)}>
          Go to the first page
        </Button>
      </ListEmpty>
    );
  } else if (data && data.items.length === 0) {
    const { action, ...content } = empty(data);
    body = <ListEmpty {...content}>{action}</ListEmpty>;
  } else {
    body = children(data?.items, { busy: query.isFetching, stale: query.isPlaceholderData });
  }

  return (
    <Card className={cn("gap-0 overflow-hidden py-0", className)}>
      {toolbar}
      {banner}
      {body}
      {!data && !query.error ? (
        <LoadingRegion label={`Loading ${what}…`}>{paging && <PaginationSkeleton />}</LoadingRegion>
      ) : (
        paging &&
        data &&
        total > 0 && (
          <Pagination
            page={data.page ?? 1}
            pageSize={paging.pageSize}
            total={total}
            onPageChange={paging.onPageChange}
          />
        )
      )}
    </Card>
  );
}

/** The bar above a list: filters on the left, or a note; what `end` holds goes to the right on wider screens. */
function ListToolbar({
  children,
  end,
  className,
}: {
  children: React.ReactNode;
  end?: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col gap-3 border-b p-4 sm:flex-row sm:items-center sm:px-6", className)}>
      {children}
      {end && <div className="flex gap-3 sm:ml-auto">{end}</div>}
    </div>
  );
}

export { ListPanel, ListToolbar };
