import type { FailedJob } from "@chat3d/shared";
import { CircleCheckIcon, RotateCcwIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import type { DataTableColumn } from "@/components/list/data-table";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";
import { useRetryJob } from "../api/retry-job";

const LONG_ERROR = 90;

function ErrorText({ error }: { error: string | null }) {
  const [expanded, setExpanded] = useState(false);
  if (!error) return <span className="text-muted-foreground">No error recorded</span>;
  const long = error.length > LONG_ERROR;
  return (
    <div className="grid justify-items-start gap-1">
      <p
        className={
          expanded || !long
            ? "font-mono text-xs break-words whitespace-pre-wrap text-destructive"
            : "line-clamp-2 font-mono text-xs break-words text-destructive"
        }
      >
        {error}
      </p>
      {long && (
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
          className="rounded-sm text-xs font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          {expanded ? "Show less" : "Show full error"}
        </button>
      )}
    </div>
  );
}

function describe(job: FailedJob) {
  return [job.template ?? job.name, job.recipient && `to ${job.recipient}`].filter(Boolean).join(" ");
}

/** Sends a failed job round again, and says how that went. */
function RetryButton({ job }: { job: FailedJob }) {
  const retry = useRetryJob();

  const onRetry = () =>
    retry.mutate(job.id, {
      onSuccess: () => toast.success("Retry queued", { description: `${describe(job)} will be tried again.` }),
      onError: (error) => toast.error("Couldn't retry this job", { description: error.message }),
    });

  if (retry.isSuccess) {
    return (
      <span className="inline-flex h-8 items-center gap-1.5 text-sm font-medium text-success">
        <CircleCheckIcon aria-hidden="true" className="size-4" />
        Queued
      </span>
    );
  }
  return (
    <Button
      variant="outline"
      size="sm"
      aria-label={`Retry ${describe(job)}`}
      aria-busy={retry.isPending}
      onClick={() => !retry.isPending && onRetry()}
    >
      {retry.isPending ? <Spinner aria-hidden="true" /> : <RotateCcwIcon aria-hidden="true" />}
      Retry
    </Button>
  );
}

const failedAt = (job: FailedJob) => job.failed_at ?? job.created_at;

/** One failed job per row: what it was, why it failed, and a retry. */
export const failedJobColumns: DataTableColumn<FailedJob>[] = [
  {
    id: "job",
    header: "Job",
    className: "md:w-56",
    cellClassName: "whitespace-normal",
    cell: (job) => (
      <>
        <p className="truncate font-medium">{job.template ?? job.name}</p>
        {job.template && <p className="truncate font-mono text-xs text-muted-foreground">{job.name}</p>}
        <p className="mt-1 truncate text-sm md:hidden">{job.recipient ?? "No recipient"}</p>
        <p className="mt-1 text-xs text-muted-foreground lg:hidden">
          {job.attempts} {job.attempts === 1 ? "attempt" : "attempts"} · failed{" "}
          <time dateTime={failedAt(job)}>{formatRelativeTime(failedAt(job))}</time>
        </p>
        <div className="mt-2 md:hidden">
          <ErrorText error={job.error} />
        </div>
      </>
    ),
    skeleton: "h-4 w-32",
  },
  {
    id: "recipient",
    header: "Recipient",
    className: "hidden w-52 md:table-cell",
    cell: (job) => <p className="truncate">{job.recipient ?? <span className="text-muted-foreground">—</span>}</p>,
    skeleton: "h-4 w-40",
  },
  {
    id: "attempts",
    header: "Attempts",
    className: "hidden w-20 text-right tabular-nums lg:table-cell",
    cell: (job) => job.attempts,
    skeleton: "ml-auto h-4 w-6",
  },
  {
    id: "error",
    header: "Error",
    className: "hidden md:table-cell",
    cellClassName: "whitespace-normal",
    cell: (job) => <ErrorText error={job.error} />,
    skeleton: "h-4 w-56 max-w-full",
  },
  {
    id: "failed",
    header: "Failed",
    className: "hidden w-32 text-muted-foreground lg:table-cell",
    cell: (job) => (
      <time dateTime={failedAt(job)} title={formatDateTime(failedAt(job))}>
        {formatRelativeTime(failedAt(job))}
      </time>
    ),
  },
  {
    id: "actions",
    header: "Actions",
    headerHidden: true,
    className: "w-28 text-right",
    cell: (job) => <RetryButton job={job} />,
    skeleton: "ml-auto h-8 w-20",
  },
];
