import { MailCheckIcon, RefreshCwIcon } from "lucide-react";
import { ListEmpty, ListError } from "@/components/list/list-states";
import { Pagination } from "@/components/list/pagination";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useListParams } from "@/lib/use-list-params";
import { cn } from "@/lib/utils";
import { FAILED_JOBS_PAGE_SIZE, useFailedJobs } from "../api/get-failed-jobs";
import { FailedJobRow } from "./failed-job-row";

const headClass = "text-xs font-medium text-muted-foreground";

function SkeletonRows() {
  return Array.from({ length: 4 }, (_, index) => (
    <TableRow key={index} className="hover:bg-transparent">
      <TableCell className="py-3 pl-4 sm:pl-6">
        <Skeleton className="h-4 w-32" />
      </TableCell>
      <TableCell className="hidden md:table-cell">
        <Skeleton className="h-4 w-40" />
      </TableCell>
      <TableCell className="hidden lg:table-cell">
        <Skeleton className="ml-auto h-4 w-6" />
      </TableCell>
      <TableCell className="hidden md:table-cell">
        <Skeleton className="h-4 w-56" />
      </TableCell>
      <TableCell className="hidden lg:table-cell">
        <Skeleton className="h-4 w-20" />
      </TableCell>
      <TableCell className="pr-4 sm:pr-6">
        <Skeleton className="ml-auto h-8 w-20" />
      </TableCell>
    </TableRow>
  ));
}

/** Jobs that used up their retries (mostly emails), with why, and a way to send them again. */
function FailedJobsPanel() {
  const params = useListParams();
  const jobs = useFailedJobs({ page: params.page, page_size: FAILED_JOBS_PAGE_SIZE });
  const data = jobs.data;

  return (
    <Card className="gap-0 overflow-hidden py-0">
      <div className="flex items-center justify-between gap-3 border-b px-4 py-3 sm:px-6">
        <p className="text-sm text-muted-foreground">
          Jobs that failed after every retry. Retrying queues a job again from the start.
        </p>
        <Button
          variant="outline"
          size="sm"
          onClick={() => void jobs.refetch()}
          aria-busy={jobs.isFetching}
          className="shrink-0"
        >
          <RefreshCwIcon aria-hidden="true" className={jobs.isFetching ? "animate-spin" : undefined} />
          <span className="sr-only sm:not-sr-only">Refresh</span>
        </Button>
      </div>

      {jobs.isError && !data ? (
        <ListError
          what="failed jobs"
          error={jobs.error}
          retrying={jobs.isFetching}
          onRetry={() => void jobs.refetch()}
        />
      ) : data && data.items.length === 0 ? (
        <ListEmpty
          icon={MailCheckIcon}
          title={data.total > 0 ? "Nothing on this page" : "No failed jobs"}
          description={
            data.total > 0
              ? "This page is past the end of the list."
              : "Every job went through. A job that fails after all its retries shows up here."
          }
        >
          {data.total > 0 && (
            <Button variant="outline" onClick={() => params.update({ page: 1 })}>
              Go to the first page
            </Button>
          )}
        </ListEmpty>
      ) : (
        <Table aria-label="Failed jobs" aria-busy={jobs.isFetching} className="table-fixed">
          <TableHeader>
            <TableRow className="bg-muted/40 hover:bg-muted/40">
              <TableHead className={cn(headClass, "pl-4 sm:pl-6 md:w-56")}>Job</TableHead>
              <TableHead className={cn(headClass, "hidden w-52 md:table-cell")}>Recipient</TableHead>
              <TableHead className={cn(headClass, "hidden w-20 text-right lg:table-cell")}>Attempts</TableHead>
              <TableHead className={cn(headClass, "hidden md:table-cell")}>Error</TableHead>
              <TableHead className={cn(headClass, "hidden w-32 lg:table-cell")}>Failed</TableHead>
              <TableHead className="w-28 pr-4 sm:pr-6">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody className={cn("transition-opacity", jobs.isPlaceholderData && "opacity-60")}>
            {data ? data.items.map((job) => <FailedJobRow key={job.id} job={job} />) : <SkeletonRows />}
          </TableBody>
        </Table>
      )}

      {data && data.total > 0 && (
        <Pagination
          page={params.page}
          pageSize={FAILED_JOBS_PAGE_SIZE}
          total={data.total}
          onPageChange={(page) => params.update({ page }, { push: true })}
        />
      )}
      {!data && !jobs.isError && (
        <p role="status" className="sr-only">
          Loading failed jobs…
        </p>
      )}
    </Card>
  );
}

export { FailedJobsPanel };
