import type { WaitlistEntry, WaitlistStatus } from "@chat3d/shared";
import { CheckIcon, XIcon } from "lucide-react";
import { useRef } from "react";
import type * as React from "react";
import { toast } from "sonner";
import type { DataTableColumn } from "@/components/list/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";
import { cn } from "@/lib/utils";
import { useDecideEntry, type Decision } from "../api/decide-entry";
import { adminStatusLabels, canApprove, canReject, statusTone } from "../utils/status";

const decisionText: Record<Decision, { label: string; done: (email: string) => string; failed: string }> = {
  approve: {
    label: "Approve",
    done: (email) => `Approved ${email}. We emailed them a sign-up link.`,
    failed: "Couldn't approve",
  },
  reject: { label: "Reject", done: (email) => `Rejected ${email}.`, failed: "Couldn't reject" },
};

function StatusBadge({ status, className }: { status: WaitlistStatus; className?: string }) {
  return (
    <Badge variant={statusTone[status]} className={className}>
      {adminStatusLabels[status]}
    </Badge>
  );
}

function Timestamp({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelativeTime(iso)}
    </time>
  );
}

type DecisionButtonsProps = {
  entry: WaitlistEntry;
  /** After a decision taken from the keyboard, focus moves on to the next row that still needs one. */
  onDecided: (row: HTMLTableRowElement) => void;
};

/** Approve and reject for one entry, each saying when it is busy; the outcome is a toast. */
function DecisionButtons({ entry, onDecided }: DecisionButtonsProps) {
  const decide = useDecideEntry();
  const ref = useRef<HTMLDivElement>(null);
  const pending = decide.isPending ? decide.variables.decision : null;

  const run = (decision: Decision) => {
    const text = decisionText[decision];
    decide.mutate(
      { id: entry.id, decision },
      {
        onSuccess: () => {
          toast.success(text.done(entry.email));
          const row = ref.current?.closest("tr");
          if (row && (row.contains(document.activeElement) || document.activeElement === document.body)) {
            onDecided(row);
          }
        },
        onError: (error) => toast.error(`${text.failed} ${entry.email}`, { description: error.message }),
      },
    );
  };

  const action = (decision: Decision, allowed: boolean) => {
    if (!allowed) return null;
    const Icon = decision === "approve" ? CheckIcon : XIcon;
    return (
      <Button
        data-row-action=""
        variant={decision === "approve" ? "outline" : "ghost"}
        size="sm"
        aria-label={`${decisionText[decision].label} ${entry.email}`}
        // Stays enabled while busy: disabling would drop keyboard focus to the page.
        aria-busy={pending === decision}
        onClick={() => !decide.isPending && run(decision)}
        className={cn(decision === "reject" && "text-muted-foreground hover:text-destructive")}
      >
        {pending === decision ? <Spinner aria-hidden="true" /> : <Icon aria-hidden="true" />}
        <span className="hidden sm:inline">{decisionText[decision].label}</span>
      </Button>
    );
  };

  return (
    <div ref={ref} className="flex justify-end gap-1.5">
      {action("approve", canApprove(entry.status))}
      {action("reject", canReject(entry.status))}
    </div>
  );
}

type ColumnOptions = {
  selected: (entry: WaitlistEntry) => boolean;
  onSelectedChange: (entry: WaitlistEntry, selected: boolean) => void;
  /** The heading of the selection column: select all on this page. */
  selectAll: React.ReactNode;
  onDecided: (row: HTMLTableRowElement) => void;
};

/** The admin's waitlist, one entry per row: select, who, whether they want news, where they stand, decide. */
function waitlistColumns({
  selected,
  onSelectedChange,
  selectAll,
  onDecided,
}: ColumnOptions): DataTableColumn<WaitlistEntry>[] {
  return [
    {
      id: "select",
      header: selectAll,
      className: "w-10",
      cell: (entry) => (
        <Checkbox
          checked={selected(entry)}
          disabled={!canReject(entry.status)}
          onCheckedChange={(checked) => onSelectedChange(entry, checked === true)}
          aria-label={`Select ${entry.email}`}
          className="translate-y-0.5"
        />
      ),
      skeleton: "size-4",
    },
    {
      id: "email",
      header: "Email",
      cell: (entry) => (
        <div className="min-w-0">
          <p className="truncate font-medium" title={entry.email}>
            {entry.email}
          </p>
          <p className="truncate text-xs text-muted-foreground lg:hidden">
            Requested <Timestamp iso={entry.created_at} />
            <span className="md:hidden">{entry.marketing_consent ? " · Wants news" : ""}</span>
          </p>
          {/* The status column is hidden on phones. */}
          <StatusBadge status={entry.status} className="mt-1.5 sm:hidden" />
        </div>
      ),
      skeleton: "h-4 w-48 max-w-full",
    },
    {
      id: "news",
      header: "Product news",
      className: "hidden w-28 md:table-cell",
      cell: (entry) =>
        entry.marketing_consent ? (
          <Badge variant="outline">Yes</Badge>
        ) : (
          <span className="text-muted-foreground">No</span>
        ),
      skeleton: "h-4 w-8",
    },
    {
      id: "status",
      header: "Status",
      className: "hidden w-40 sm:table-cell",
      cell: (entry) => <StatusBadge status={entry.status} />,
      skeleton: "h-5 w-24",
    },
    {
      id: "requested",
      header: "Requested",
      className: "hidden w-32 text-muted-foreground lg:table-cell",
      cell: (entry) => <Timestamp iso={entry.created_at} />,
    },
    {
      id: "confirmed",
      header: "Confirmed",
      className: "hidden w-32 text-muted-foreground xl:table-cell",
      cell: (entry) => (entry.email_confirmed_at ? <Timestamp iso={entry.email_confirmed_at} /> : "—"),
    },
    {
      id: "actions",
      header: "Actions",
      headerHidden: true,
      className: "w-24 sm:w-52",
      cell: (entry) => <DecisionButtons entry={entry} onDecided={onDecided} />,
      skeleton: "ml-auto h-8 w-16 sm:w-36",
    },
  ];
}

export { waitlistColumns };
