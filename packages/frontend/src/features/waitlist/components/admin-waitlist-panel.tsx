import { WaitlistStatusSchema, type WaitlistEntry, type WaitlistStatus } from "@chat3d/shared";
import { CheckIcon, ClipboardListIcon, XIcon } from "lucide-react";
import { useCallback, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { ListEmpty, ListError } from "@/components/list/list-states";
import { Pagination } from "@/components/list/pagination";
import { SearchInput } from "@/components/list/search-input";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { oneOf, useListParams } from "@/lib/use-list-params";
import { cn } from "@/lib/utils";
import { useBulkDecide } from "../api/bulk-decide";
import type { Decision } from "../api/decide-entry";
import { ADMIN_WAITLIST_PAGE_SIZE, useAdminWaitlist } from "../api/get-admin-waitlist";
import { useLiveAdminWaitlist } from "../hooks/use-live-admin-waitlist";
import { adminStatusLabels, canReject } from "../utils/status";
import { BulkResults, type BulkOutcome } from "./bulk-results";
import { WaitlistRow } from "./waitlist-row";

const STATUSES = WaitlistStatusSchema.options;
const DEFAULT_STATUS: WaitlistStatus = "pending_admin_approval";
/** The filter's value in the address when the admin asks for every status. */
const ALL = "all";

const headClass = "text-xs font-medium text-muted-foreground";

const bulkText: Record<
  Decision,
  { title: (n: number) => string; description: string; confirm: string; pending: string }
> = {
  approve: {
    title: (n) => `Approve ${n} ${n === 1 ? "request" : "requests"}?`,
    description: "Each person gets an email with a personal sign-up link. This can't be undone.",
    confirm: "Approve",
    pending: "Approving…",
  },
  reject: {
    title: (n) => `Reject ${n} ${n === 1 ? "request" : "requests"}?`,
    description: "Those who confirmed their email are told by email that their request was not approved.",
    confirm: "Reject",
    pending: "Rejecting…",
  },
};

function SkeletonRows() {
  return Array.from({ length: 6 }, (_, index) => (
    <TableRow key={index} className="hover:bg-transparent">
      <TableCell className="pl-4 sm:pl-6">
        <Skeleton className="size-4" />
      </TableCell>
      <TableCell className="py-3">
        <Skeleton className="h-4 w-48 max-w-full" />
      </TableCell>
      <TableCell className="hidden md:table-cell">
        <Skeleton className="h-4 w-8" />
      </TableCell>
      <TableCell className="hidden sm:table-cell">
        <Skeleton className="h-5 w-24" />
      </TableCell>
      <TableCell className="hidden lg:table-cell">
        <Skeleton className="h-4 w-20" />
      </TableCell>
      <TableCell className="hidden xl:table-cell">
        <Skeleton className="h-4 w-20" />
      </TableCell>
      <TableCell className="pr-4 sm:pr-6">
        <Skeleton className="ml-auto h-8 w-16 sm:w-36" />
      </TableCell>
    </TableRow>
  ));
}

/** People waiting to get in: filter, search, decide one by one or many at once. */
function AdminWaitlistPanel() {
  const params = useListParams();
  const statusParam = params.get("status");
  const status = statusParam === ALL ? undefined : (oneOf(statusParam, STATUSES) ?? DEFAULT_STATUS);
  const query = params.get("query");
  const listParams = { status, query: query || undefined, page: params.page, page_size: ADMIN_WAITLIST_PAGE_SIZE };
  const waitlist = useAdminWaitlist(listParams);
  useLiveAdminWaitlist();

  // The selection belongs to one view of the list: another filter or page starts empty.
  const viewKey = JSON.stringify(listParams);
  const [selection, setSelection] = useState({ viewKey, ids: new Set<string>() });
  const selectedIds = selection.viewKey === viewKey ? selection.ids : new Set<string>();
  const setSelected = (ids: Set<string>) => setSelection({ viewKey, ids });

  const bulk = useBulkDecide();
  const [dialog, setDialog] = useState<{ action: Decision; open: boolean; count: number }>({
    action: "approve",
    open: false,
    count: 0,
  });
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const resultsRef = useRef<HTMLDivElement>(null);

  const { update } = params;
  const commitQuery = useCallback((text: string) => update({ query: text }), [update]);

  const data = waitlist.data;
  const items = data?.items ?? [];
  const selectable = items.filter((entry) => canReject(entry.status));
  const selected = selectable.filter((entry) => selectedIds.has(entry.id));
  const allSelected = selectable.length > 0 && selected.length === selectable.length;

  const toggle = (entry: WaitlistEntry, on: boolean) => {
    const next = new Set(selectedIds);
    if (on) next.add(entry.id);
    else next.delete(entry.id);
    setSelected(next);
  };

  const focusNextAction = (row: HTMLTableRowElement) => {
    // After the row re-renders without its buttons.
    requestAnimationFrame(() => {
      for (let next = row.nextElementSibling; next; next = next.nextElementSibling) {
        const button = next.querySelector<HTMLElement>("[data-row-action]");
        if (button) return button.focus();
      }
      tableRef.current?.focus();
    });
  };

  const runBulk = () => {
    const chosen = selected;
    bulk.mutate(
      { action: dialog.action, ids: chosen.map((entry) => entry.id) },
      {
        onSuccess: ({ results }) => {
          setDialog((current) => ({ ...current, open: false }));
          setSelected(new Set());
          setOutcome({
            action: dialog.action,
            results,
            emails: new Map(chosen.map((entry) => [entry.id, entry.email])),
          });
        },
      },
    );
  };

  const openBulk = (action: Decision) => {
    bulk.reset();
    setOutcome(null);
    setDialog({ action, open: true, count: selected.length });
  };

  const filtered = Boolean(query) || status !== DEFAULT_STATUS;
  const text = bulkText[dialog.action];

  return (
    <Card className="gap-0 overflow-hidden py-0">
      <div className="flex flex-col gap-3 border-b p-4 sm:flex-row sm:items-center sm:px-6">
        <SearchInput value={query} onCommit={commitQuery} label="Search the waitlist" placeholder="Search by email" />
        <NativeSelect
          aria-label="Status"
          value={statusParam === ALL ? ALL : (status ?? DEFAULT_STATUS)}
          onChange={(event) => update({ status: event.target.value === DEFAULT_STATUS ? "" : event.target.value })}
          className="w-full sm:ml-auto sm:w-48"
        >
          {[DEFAULT_STATUS, ...STATUSES.filter((value) => value !== DEFAULT_STATUS)].map((value) => (
            <NativeSelectOption key={value} value={value}>
              {adminStatusLabels[value]}
            </NativeSelectOption>
          ))}
          <NativeSelectOption value={ALL}>All statuses</NativeSelectOption>
        </NativeSelect>
      </div>

      {selected.length > 0 && (
        <div
          role="toolbar"
          aria-label="Selected entries"
          className="flex flex-wrap items-center gap-2 border-b bg-primary/5 px-4 py-2.5 sm:px-6"
        >
          <p className="mr-auto text-sm font-medium" aria-live="polite">
            {selected.length} selected
          </p>
          <Button size="sm" onClick={() => openBulk("approve")}>
            <CheckIcon aria-hidden="true" />
            Approve {selected.length}
          </Button>
          <Button size="sm" variant="outline" onClick={() => openBulk("reject")}>
            <XIcon aria-hidden="true" />
            Reject {selected.length}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear
          </Button>
        </div>
      )}

      <div ref={resultsRef}>{outcome && <BulkResults outcome={outcome} onDismiss={() => setOutcome(null)} />}</div>

      {waitlist.isError && !data ? (
        <ListError
          what="the waitlist"
          error={waitlist.error}
          retrying={waitlist.isFetching}
          onRetry={() => void waitlist.refetch()}
        />
      ) : data && data.items.length === 0 ? (
        <ListEmpty
          icon={ClipboardListIcon}
          title={
            query
              ? "No entries match"
              : data.total > 0
                ? "Nothing on this page"
                : status === DEFAULT_STATUS
                  ? "No requests waiting"
                  : "No entries"
          }
          description={
            query
              ? `Nothing on the waitlist matches “${query}”.`
              : data.total > 0
                ? "This page is past the end of the list."
                : status === DEFAULT_STATUS
                  ? "Requests appear here once people confirm their email."
                  : "No waitlist entries have this status."
          }
        >
          {filtered && (
            <Button variant="outline" onClick={() => update({ query: "", status: "" })}>
              Show requests waiting for approval
            </Button>
          )}
        </ListEmpty>
      ) : (
        <Table
          ref={tableRef}
          tabIndex={-1}
          aria-label="Waitlist"
          aria-busy={waitlist.isFetching}
          className="table-fixed outline-none"
        >
          <TableHeader>
            <TableRow className="bg-muted/40 hover:bg-muted/40">
              <TableHead className="w-10 pl-4 sm:pl-6">
                <Checkbox
                  checked={allSelected ? true : selected.length > 0 ? "indeterminate" : false}
                  disabled={selectable.length === 0}
                  onCheckedChange={(checked) =>
                    setSelected(new Set(checked === true ? selectable.map((entry) => entry.id) : []))
                  }
                  aria-label="Select all on this page"
                  className="translate-y-0.5"
                />
              </TableHead>
              <TableHead className={headClass}>Email</TableHead>
              <TableHead className={cn(headClass, "hidden w-28 md:table-cell")}>Product news</TableHead>
              <TableHead className={cn(headClass, "hidden w-40 sm:table-cell")}>Status</TableHead>
              <TableHead className={cn(headClass, "hidden w-32 lg:table-cell")}>Requested</TableHead>
              <TableHead className={cn(headClass, "hidden w-32 xl:table-cell")}>Confirmed</TableHead>
              <TableHead className="w-24 pr-4 sm:w-52 sm:pr-6">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody className={cn("transition-opacity", waitlist.isPlaceholderData && "opacity-60")}>
            {data ? (
              data.items.map((entry) => (
                <WaitlistRow
                  key={entry.id}
                  entry={entry}
                  selected={selectedIds.has(entry.id)}
                  onSelectedChange={(on) => toggle(entry, on)}
                  onDecided={focusNextAction}
                />
              ))
            ) : (
              <SkeletonRows />
            )}
          </TableBody>
        </Table>
      )}

      {data && data.total > 0 && (
        <Pagination
          page={params.page}
          pageSize={ADMIN_WAITLIST_PAGE_SIZE}
          total={data.total}
          onPageChange={(page) => update({ page }, { push: true })}
        />
      )}
      {!data && !waitlist.isError && (
        <p role="status" className="sr-only">
          Loading the waitlist…
        </p>
      )}

      <ConfirmDialog
        open={dialog.open}
        onOpenChange={(open) => setDialog((current) => ({ ...current, open }))}
        title={text.title(dialog.count)}
        description={text.description}
        confirmLabel={`${text.confirm} ${dialog.count}`}
        pendingLabel={text.pending}
        tone={dialog.action === "reject" ? "destructive" : "default"}
        pending={bulk.isPending}
        error={bulk.error}
        onConfirm={runBulk}
        // Once done, the results take the focus; after Cancel it goes back to the button that opened the dialog.
        returnFocusTo={() => resultsRef.current?.querySelector("h3") ?? null}
      />
    </Card>
  );
}

export { AdminWaitlistPanel };
