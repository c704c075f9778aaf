import { MailCheckIcon, RefreshCwIcon } from "lucide-react";
import { DataTable } from "@/components/list/data-table";
import { ListPanel, ListToolbar } from "@/components/list/list-panel";
import { Button } from "@/components/ui/button";
import { useListParams } from "@/lib/use-list-params";
import { FAILED_JOBS_PAGE_SIZE, useFailedJobs } from "../api/get-failed-jobs";
import { failedJobColumns } from "./failed-job-columns";

/** Jobs that used up their retries (mostly emails), with why, and a way to send them again. */
function FailedJobsPanel() {
  const params = useListParams();
  const jobs = useFailedJobs({ page: params.page, page_size: FAILED_JOBS_PAGE_SIZE });

  return (
    <ListPanel
      query={jobs}
      what="failed jobs"
      toolbar={
        <ListToolbar
          className="flex-row items-center justify-between py-3"
          end={
            <Button variant="outline" size="sm" onClick={() => void jobs.refetch()} aria-busy={jobs.isFetching}>
              <RefreshCwIcon aria-hidden="true" className={jobs.isFetching ? "animate-spin" : undefined} />
              <span className="sr-only sm:not-sr-only">Refresh</span>
            </Button>
          }
        >
          <p className="text-sm text-muted-foreground">
            Jobs that failed after every retry. Retrying queues a job again from the start.
          </p>
        </ListToolbar>
      }
      empty={() => ({
        icon: MailCheckIcon,
        title: "No failed jobs",
        description: "Every job went through. A job that fails after all its retries shows up here.",
      })}
      paging={{ pageSize: FAILED_JOBS_PAGE_SIZE, onPageChange: (page) => params.update({ page }, { push: true }) }}
    >
      {(rows, state) => (
        <DataTable
          label="Failed jobs"
          columns={failedJobColumns}
          rows={rows}
          rowKey={(job) => job.id}
          skeletonRows={4}
          rowProps={() => ({ className: "align-top" })}
          {...state}
        />
      )}
    </ListPanel>
  );
}

export { FailedJobsPanel };
