import type { AuditLogEntry } from "@chat3d/shared";
import { ChevronRightIcon, ScrollTextIcon } from "lucide-react";
import { useState } from "react";
import { ListEmpty, ListError } from "@/components/list/list-states";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";
import { useListParams } from "@/lib/use-list-params";
import { useMediaQuery } from "@/lib/use-media-query";
import { cn } from "@/lib/utils";
import { AUDIT_PAGE_SIZE, useAuditLog } from "../api/get-audit-log";
import { actionLabel, actionLabels, changesBetween, formatValue, targetLabel } from "../utils/audit";
import { ListFooter } from "./list-footer";

const SKELETON_ROWS = 8;

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

function EntryRow({
  entry,
  currentUserId,
  wide,
}: {
  entry: AuditLogEntry;
  currentUserId: string | null;
  wide: boolean;
}) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-details-${entry.id}`;
  const label = actionLabel(entry.action);

  return (
    <>
      <TableRow data-state={open ? "selected" : undefined}>
        <TableCell className="pl-4 text-muted-foreground sm:pl-6">
          <time dateTime={entry.created_at} title={formatDateTime(entry.created_at)}>
            {formatRelativeTime(entry.created_at)}
          </time>
          <span className="sr-only">, {formatDateTime(entry.created_at)}</span>
        </TableCell>
        {wide && (
          <TableCell className="truncate">
            <Actor entry={entry} currentUserId={currentUserId} />
          </TableCell>
        )}
        <TableCell className="truncate">
          <span className="font-medium" title={entry.action}>
            {label}
          </span>
          {/* Narrow screens have no actor column; the actor goes under the action. */}
          {!wide && (
            <div className="truncate text-xs text-muted-foreground">
              <Actor entry={entry} currentUserId={currentUserId} />
            </div>
          )}
        </TableCell>
        {wide && (
          <TableCell className="truncate text-muted-foreground">
            {entry.target_type ? (
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
            )}
          </TableCell>
        )}
        <TableCell className="pr-4 text-right sm:pr-6">
          <Button
            variant="ghost"
            size="icon-sm"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={`Details of ${label}, ${formatRelativeTime(entry.created_at)}`}
            onClick={() => setOpen((value) => !value)}
          >
            <ChevronRightIcon aria-hidden="true" className={cn("transition-transform", open && "rotate-90")} />
          </Button>
        </TableCell>
      </TableRow>
      {open && <Details entry={entry} id={detailsId} columns={wide ? 5 : 3} />}
    </>
  );
}

function SkeletonRows({ wide }: { wide: boolean }) {
  return Array.from({ length: SKELETON_ROWS }, (_, index) => (
    <TableRow key={index} className="hover:bg-transparent">
      <TableCell className="h-[3.25rem] pl-4 sm:pl-6">
        <Skeleton className="h-3.5 w-20" />
      </TableCell>
      {wide && (
        <TableCell>
          <Skeleton className="h-3.5 w-36 max-w-full" />
        </TableCell>
      )}
      <TableCell>
        <Skeleton className="h-3.5 w-28 max-w-full" />
      </TableCell>
      {wide && (
        <TableCell>
          <Skeleton className="h-3.5 w-24" />
        </TableCell>
      )}
      <TableCell className="pr-4 sm:pr-6">
        <Skeleton className="ml-auto size-8" />
      </TableCell>
    </TableRow>
  ));
}

/** Who did what and when, newest first, with what changed. */
function AuditLogPanel({ currentUserId }: { currentUserId: string | null }) {
  const params = useListParams();
  const action = params.get("action");
  const log = useAuditLog({ action: action || undefined, page: params.page, page_size: AUDIT_PAGE_SIZE });
  const data = log.data;
  const knownAction = action === "" || action in actionLabels;
  const wide = useMediaQuery("(min-width: 48rem)");

  return (
    <Card className="gap-0 overflow-hidden py-0">
      <div className="flex flex-col gap-3 border-b p-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p className="text-sm text-muted-foreground">Every change to accounts and settings, newest first.</p>
        <NativeSelect
          aria-label="Action"
          value={action}
          onChange={(event) => params.update({ action: event.target.value })}
          className="w-full sm:w-60"
        >
          <NativeSelectOption value="">All actions</NativeSelectOption>
          {Object.entries(actionLabels).map(([value, label]) => (
            <NativeSelectOption key={value} value={value}>
              {label}
            </NativeSelectOption>
          ))}
          {!knownAction && <NativeSelectOption value={action}>{actionLabel(action)}</NativeSelectOption>}
        </NativeSelect>
      </div>

      {log.isError && !data ? (
        <ListError
          what="the audit log"
          error={log.error}
          retrying={log.isFetching}
          onRetry={() => void log.refetch()}
        />
      ) : data && data.items.length === 0 ? (
        <ListEmpty
          icon={ScrollTextIcon}
          title={action ? "No matching entries" : "Nothing recorded yet"}
          description={
            action
              ? `No “${actionLabel(action)}” entries${data.total > 0 ? " on this page" : " yet"}.`
              : "Changes to accounts and settings will be listed here."
          }
        >
          {action && (
            <Button variant="outline" onClick={() => params.update({ action: "" })}>
              Show all actions
            </Button>
          )}
        </ListEmpty>
      ) : (
        <Table aria-label="Audit log" aria-busy={log.isFetching} className="table-fixed">
          <TableHeader>
            <TableRow className="bg-muted/40 hover:bg-muted/40">
              <TableHead className="w-28 pl-4 text-xs font-medium text-muted-foreground sm:w-36 sm:pl-6">
                Time
              </TableHead>
              {wide && <TableHead className="text-xs font-medium text-muted-foreground">Actor</TableHead>}
              <TableHead className="text-xs font-medium text-muted-foreground">Action</TableHead>
              {wide && <TableHead className="w-48 text-xs font-medium text-muted-foreground">Target</TableHead>}
              <TableHead className="w-14 pr-4 sm:w-16 sm:pr-6">
                <span className="sr-only">Details</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody className={cn("transition-opacity", log.isPlaceholderData && "opacity-60")}>
            {data ? (
              data.items.map((entry) => (
                <EntryRow key={entry.id} entry={entry} currentUserId={currentUserId} wide={wide} />
              ))
            ) : (
              <SkeletonRows wide={wide} />
            )}
          </TableBody>
        </Table>
      )}

      <ListFooter
        data={data}
        pageSize={AUDIT_PAGE_SIZE}
        loading={!data && !log.isError}
        loadingLabel="Loading the audit log…"
        onPageChange={(page) => params.update({ page }, { push: true })}
      />
    </Card>
  );
}

export { AuditLogPanel };
