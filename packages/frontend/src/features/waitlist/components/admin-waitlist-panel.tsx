import { WaitlistStatusSchema, type WaitlistEntry, type WaitlistStatus } from "@chat3d/shared";
import { CheckIcon, ClipboardListIcon, XIcon } from "lucide-react";
import { useCallback, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable } from "@/components/list/data-table";
import { FilterSelect } from "@/components/list/filter-select";
import { ListPanel, ListToolbar } from "@/components/list/list-panel";
import { SearchInput } from "@/components/list/search-input";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { oneOf, useListParams } from "@/lib/use-list-params";
import { useBulkDecide } from "../api/bulk-decide";
import type { Decision } from "../api/decide-entry";
import { ADMIN_WAITLIST_PAGE_SIZE, useAdminWaitlist } from "../api/get-admin-waitlist";
import { useLiveAdminWaitlist } from "../hooks/use-live-admin-waitlist";
import { adminStatusLabels, canReject } from "../utils/status";
import { BulkResults, type BulkOutcome } from "./bulk-results";
import { waitlistColumns } from "./waitlist-columns";

const STATUSES = WaitlistStatusSchema.options;
const DEFAULT_STATUS: WaitlistStatus = "pending_admin_approval";
/** The filter's value in the address when the admin asks for every status. */
const ALL = "all";

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

  const statusOptions = [
    ...[DEFAULT_STATUS, ...STATUSES.filter((value) => value !== DEFAULT_STATUS)].map((value) => ({
      value,
      label: adminStatusLabels[value],
    })),
    { value: ALL, label: "All statuses" },
  ];

  const selectAll = (
    <Checkbox
      checked={allSelected ? true : selected.length > 0 ? "indeterminate" : false}
      disabled={selectable.length === 0}
      onCheckedChange={(checked) => setSelected(new Set(checked === true ? selectable.map((entry) => entry.id) : []))}
      aria-label="Select all on this page"
      className="translate-y-0.5"
    />
  );

  return (
    <>
      <ListPanel
        query={waitlist}
        what="the waitlist"
        toolbar={
          <ListToolbar
            end={
              <FilterSelect
                label="Status"
                value={statusParam === ALL ? ALL : (status ?? DEFAULT_STATUS)}
                options={statusOptions}
                onValueChange={(value) => update({ status: value === DEFAULT_STATUS ? "" : value })}
                className="w-full sm:w-48"
              />
            }
          >
            <SearchInput
              value={query}
              onCommit={commitQuery}
              label="Search the waitlist"
              placeholder="Search by email"
            />
          </ListToolbar>
        }
        banner={
          <>
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
            <div ref={resultsRef}>
              {outcome && <BulkResults outcome={outcome} onDismiss={() => setOutcome(null)} />}
            </div>
          </>
        }
        empty={() => ({
          icon: ClipboardListIcon,
          title: query ? "No entries match" : status === DEFAULT_STATUS ? "No requests waiting" : "No entries",
          description: query
            ? `Nothing on the waitlist matches “${query}”.`
            : status === DEFAULT_STATUS
              ? "Requests appear here once people confirm their email."
              : "No waitlist entries have this status.",
          action: filtered && (
            <Button variant="outline" onClick={() => update({ query: "", status: "" })}>
              Show requests waiting for approval
            </Button>
          ),
        })}
        paging={{ pageSize: ADMIN_WAITLIST_PAGE_SIZE, onPageChange: (page) => update({ page }, { push: true }) }}
      >
        {(rows, state) => (
          <DataTable
            ref={tableRef}
            tabIndex={-1}
            label="Waitlist"
            className="outline-none"
            columns={waitlistColumns({
              selected: (entry) => selectedIds.has(entry.id),
              onSelectedChange: toggle,
              selectAll,
              onDecided: focusNextAction,
            })}
            rows={rows}
            rowKey={(entry) => entry.id}
            rowProps={(entry) => ({ "data-state": selectedIds.has(entry.id) ? "selected" : undefined })}
            {...state}
          />
        )}
      </ListPanel>

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
    </>
  );
}

export { AdminWaitlistPanel };
