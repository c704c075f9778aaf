import type { FailedJob } from "@chat3d/shared";
import { CircleCheckIcon, RotateCcwIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { TableCell, TableRow } from "@/components/ui/table";
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

/** One failed job: what it was, why it failed, and a retry that says how it went. */
function FailedJobRow({ job }: { job: FailedJob }) {
  const retry = useRetryJob();
  const failedAt = job.failed_at ?? job.created_at;

  const onRetry = () =>
    retry.mutate(job.id, {
      onSuccess: () => toast.success("Retry queued", { description: `${describe(job)} will be tried again.` }),
      onError: (error) => toast.error("Couldn't retry this job", { description: error.message }),
    });

  return (
    <TableRow className="align-top">
      <TableCell className="py-3 pl-4 whitespace-normal sm:pl-6">
        <p className="truncate font-medium">{job.template ?? job.name}</p>
        {job.template && <p className="truncate font-mono text-xs text-muted-foreground">{job.name}</p>}
        <p className="mt-1 truncate text-sm md:hidden">{job.recipient ?? "No recipient"}</p>
        <p className="mt-1 text-xs text-muted-foreground lg:hidden">
          {job.attempts} {job.attempts === 1 ? "attempt" : "attempts"} · failed{" "}
          <time dateTime={failedAt}>{formatRelativeTime(failedAt)}</time>
        </p>
        <div className="mt-2 md:hidden">
          <ErrorText error={job.error} />
        </div>
      </TableCell>
      <TableCell className="hidden py-3 md:table-cell">
        <p className="truncate">{job.recipient ?? <span className="text-muted-foreground">—</span>}</p>
      </TableCell>
      <TableCell className="hidden py-3 text-right tabular-nums lg:table-cell">{job.attempts}</TableCell>
      <TableCell className="hidden py-3 whitespace-normal md:table-cell">
        <ErrorText error={job.error} />
      </TableCell>
      <TableCell className="hidden py-3 text-muted-foreground lg:table-cell">
        <time dateTime={failedAt} title={formatDateTime(failedAt)}>
          {formatRelativeTime(failedAt)}
        </time>
      </TableCell>
      <TableCell className="py-3 pr-4 text-right sm:pr-6">
        {retry.isSuccess ? (
          <span className="inline-flex h-8 items-center gap-1.5 text-sm font-medium text-success">
            <CircleCheckIcon aria-hidden="true" className="size-4" />
            Queued
          </span>
        ) : (
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
        )}
      </TableCell>
    </TableRow>
  );
}

export { FailedJobRow };
