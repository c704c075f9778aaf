import type { AuditLogEntry } from "@chat3d/shared";
import { ChevronRightIcon, ScrollTextIcon } from "lucide-react";
import { useState } from "react";
import { DataTable, type DataTableColumn } from "@/components/list/data-table";
import { FilterSelect } from "@/components/list/filter-select";
import { ListPanel, ListToolbar } from "@/components/list/list-panel";
import { Button } from "@/components/ui/button";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";
import { useListParams } from "@/lib/use-list-params";
import { useMediaQuery } from "@/lib/use-media-query";
import { cn } from "@/lib/utils";
import { AUDIT_PAGE_SIZE, useAuditLog } from "../api/get-audit-log";
import { actionLabel, actionLabels, changesBetween, formatValue, targetLabel } from "../utils/audit";

function Changes({ entry }: { entry: AuditLogEntry }) {
  const changes = changesBetween(entry.before, entry.after);
  if (changes.length === 0) return <p className="text-muted-foreground">No field changes were recorded.</p>;
  return (
    <ul className="grid gap-1.5">
      {changes.map(({ field, before, after }) => (
        <li key={field} className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <code className="font-mono text-xs text-muted-foreground">{field}</code>
          <span className="rounded bg-destructive/10 px-1.5 py-0.5 font-mono text-xs text-destructive line-through decoration-destructive/50">
            {formatValue(before)}
          </span>
          <span aria-hidden="true" className="text-muted-foreground">
            →
          </span>
          <span className="sr-only">changed to</span>
          <span className="rounded bg-success/10 px-1.5 py-0.5 font-mono text-xs text-success">
            {formatValue(after)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Details({ entry, id, columns }: { entry: AuditLogEntry; id: string; columns: number }) {
  return (
    <TableRow id={id} className="bg-muted/30 hover:bg-muted/30">
      {/* Spans exactly the columns shown: one more would add a phantom column to the table. */}
      <TableCell colSpan={columns} className="px-4 py-4 whitespace-normal sm:px-6">
        <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="font-medium">Changes</dt>
          <dd>
            <Changes entry={entry} />
          </dd>
          {entry.target_type && (
            <>
              <dt className="font-medium">Target</dt>
              <dd className="break-all">
                {targetLabel(entry.target_type)}{" "}
                {entry.target_id && <code className="font-mono text-xs text-muted-foreground">{entry.target_id}</code>}
              </dd>
            </>
          )}
          <dt className="font-medium">IP address</dt>
          <dd className="font-mono text-xs leading-5 text-muted-foreground">{entry.ip ?? "—"}</dd>
          <dt className="font-medium">Time</dt>
          <dd className="text-muted-foreground">{formatDateTime(entry.created_at)}</dd>
        </dl>
      </TableCell>
    </TableRow>
  );
}

function Actor({ entry, currentUserId }: { entry: AuditLogEntry; currentUserId: string | null }) {
  if (!entry.actor) return <span className="text-muted-foreground">System</span>;
  return (
    <span title={entry.actor.email}>
      {entry.actor.email}
      {entry.actor.id === currentUserId && <span className="text-muted-foreground"> (you)</span>}
    </span>
  );
}

function auditColumns({
  wide,
  currentUserId,
  isOpen,
  toggle,
}: {
  wide: boolean;
  currentUserId: string | null;
  isOpen: (entry: AuditLogEntry) => boolean;
  toggle: (entry: AuditLogEntry) => void;
}): DataTableColumn<AuditLogEntry>[] {
  const actor = (entry: AuditLogEntry) => <Actor entry={entry} currentUserId={currentUserId} />;
  return [
    {
      id: "time",
      header: "Time",
      className: "w-28 text-muted-foreground sm:w-36",
      cell: (entry) => (
        <>
          <time dateTime={entry.created_at} title={formatDateTime(entry.created_at)}>
            {formatRelativeTime(entry.created_at)}
          </time>
          <span className="sr-only">, {formatDateTime(entry.created_at)}</span>
        </>
      ),
    },
    ...(wide
      ? [{ id: "actor", header: "Actor", className: "truncate", cell: actor, skeleton: "h-3.5 w-36 max-w-full" }]
      : []),
    {
      id: "action",
      header: "Action",
      className: "truncate",
      cell: (entry) => (
        <>
          <span className="font-medium" title={entry.action}>
            {actionLabel(entry.action)}
          </span>
          {/* Narrow screens have no actor column; the actor goes under the action. */}
          {!wide && <div className="truncate text-xs text-muted-foreground">{actor(entry)}</div>}
        </>
      ),
      skeleton: "h-3.5 w-28 max-w-full",
    },
    ...(wide
      ? [
          {
            id: "target",
            header: "Target",
            className: "w-48 truncate text-muted-foreground",
            cell: (entry: AuditLogEntry) =>
              entry.target_type ? (
                <>
                  {targetLabel(entry.target_type)}
                  {entry.target_id && (
                    <code className="ml-1.5 font-mono text-xs" title={entry.target_id}>
                      {entry.target_id.slice(0, 8)}
                    </code>
                  )}
                </>
              ) : (
                "—"
              ),
            skeleton: "h-3.5 w-24",
          },
        ]
      : []),
    {
      id: "details",
      header: "Details",
      headerHidden: true,
      className: "w-14 text-right sm:w-16",
      cell: (entry) => {
        const open = isOpen(entry);
        return (
          <Button
            variant="ghost"
            size="icon-sm"
            aria-expanded={open}
            aria-controls={open ? detailsId(entry) : undefined}
            aria-label={`Details of ${actionLabel(entry.action)}, ${formatRelativeTime(entry.created_at)}`}
            onClick={() => toggle(entry)}
          >
            <ChevronRightIcon aria-hidden="true" className={cn("transition-transform", open && "rotate-90")} />
          </Button>
        );
      },
      skeleton: "ml-auto size-8",
    },
  ];
}

const detailsId = (entry: AuditLogEntry) => `audit-details-${entry.id}`;

/** Who did what and when, newest first, with what changed. */
function AuditLogPanel({ currentUserId }: { currentUserId: string | null }) {
  const params = useListParams();
  const action = params.get("action");
  const log = useAuditLog({ action: action || undefined, page: params.page, page_size: AUDIT_PAGE_SIZE });
  const knownAction = action === "" || action in actionLabels;
  const wide = useMediaQuery("(min-width: 48rem)");
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(new Set());
  const isOpen = (entry: AuditLogEntry) => openIds.has(entry.id);
  const toggle = (entry: AuditLogEntry) =>
    setOpenIds((ids) => {
      const next = new Set(ids);
      if (!next.delete(entry.id)) next.add(entry.id);
      return next;
    });

  const options = [
    { value: "", label: "All actions" },
    ...Object.entries(actionLabels).map(([value, label]) => ({ value, label })),
    ...(knownAction ? [] : [{ value: action, label: actionLabel(action) }]),
  ];

  return (
    <ListPanel
      query={log}
      what="the audit log"
      toolbar={
        <ListToolbar
          className="sm:justify-between"
          end={
            <FilterSelect
              label="Action"
              value={action}
              options={options}
              onValueChange={(value) => params.update({ action: value })}
              className="w-full sm:w-60"
            />
          }
        >
          <p className="text-sm text-muted-foreground">Every change to accounts and settings, newest first.</p>
        </ListToolbar>
      }
      empty={() =>
        action
          ? {
              icon: ScrollTextIcon,
              title: "No matching entries",
              description: `No “${actionLabel(action)}” entries yet.`,
              action: (
                <Button variant="outline" onClick={() => params.update({ action: "" })}>
                  Show all actions
                </Button>
              ),
            }
          : {
              icon: ScrollTextIcon,
              title: "Nothing recorded yet",
              description: "Changes to accounts and settings will be listed here.",
            }
      }
      paging={{ pageSize: AUDIT_PAGE_SIZE, onPageChange: (page) => params.update({ page }, { push: true }) }}
    >
      {(rows, state) => (
        <DataTable
          label="Audit log"
          columns={auditColumns({ wide, currentUserId, isOpen, toggle })}
          rows={rows}
          rowKey={(entry) => entry.id}
          skeletonRows={8}
          rowProps={(entry) => ({ "data-state": isOpen(entry) ? "selected" : undefined })}
          expansion={(entry, columns) =>
            isOpen(entry) && <Details entry={entry} id={detailsId(entry)} columns={columns} />
          }
          {...state}
        />
      )}
    </ListPanel>
  );
}

export { AuditLogPanel };
