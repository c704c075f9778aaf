import type { WaitlistEntry, WaitlistStatus } from "@chat3d/shared";
import { CheckIcon, XIcon } from "lucide-react";
import { useRef } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Spinner } from "@/components/ui/spinner";
import { TableCell, TableRow } from "@/components/ui/table";
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

type WaitlistRowProps = {
  entry: WaitlistEntry;
  selected: boolean;
  onSelectedChange: (selected: boolean) => void;
  /** After a decision taken from the keyboard, focus moves on to the next row that still needs one. */
  onDecided: (row: HTMLTableRowElement) => void;
};

function WaitlistRow({ entry, selected, onSelectedChange, onDecided }: WaitlistRowProps) {
  const decide = useDecideEntry();
  const rowRef = useRef<HTMLTableRowElement>(null);
  const selectable = canReject(entry.status);
  const pending = decide.isPending ? decide.variables.decision : null;

  const run = (decision: Decision) => {
    const text = decisionText[decision];
    decide.mutate(
      { id: entry.id, decision },
      {
        onSuccess: () => {
          toast.success(text.done(entry.email));
          const row = rowRef.current;
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
    <TableRow ref={rowRef} data-state={selected ? "selected" : undefined}>
      <TableCell className="w-10 pl-4 sm:pl-6">
        <Checkbox
          checked={selected}
          disabled={!selectable}
          onCheckedChange={(checked) => onSelectedChange(checked === true)}
          aria-label={`Select ${entry.email}`}
          className="translate-y-0.5"
        />
      </TableCell>
      <TableCell className="py-3">
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
      </TableCell>
      <TableCell className="hidden md:table-cell">
        {entry.marketing_consent ? (
          <Badge variant="outline">Yes</Badge>
        ) : (
          <span className="text-muted-foreground">No</span>
        )}
      </TableCell>
      <TableCell className="hidden sm:table-cell">
        <StatusBadge status={entry.status} />
      </TableCell>
      <TableCell className="hidden text-muted-foreground lg:table-cell">
        <Timestamp iso={entry.created_at} />
      </TableCell>
      <TableCell className="hidden text-muted-foreground xl:table-cell">
        {entry.email_confirmed_at ? <Timestamp iso={entry.email_confirmed_at} /> : "—"}
      </TableCell>
      <TableCell className="pr-4 sm:pr-6">
        <div className="flex justify-end gap-1.5">
          {action("approve", canApprove(entry.status))}
          {action("reject", canReject(entry.status))}
        </div>
      </TableCell>
    </TableRow>
  );
}

export { WaitlistRow };
