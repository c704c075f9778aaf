import { FailedJobListSchema, type FailedJobList } from "@chat3d/shared";
import { useQuery } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { searchString } from "@/lib/api-params";
import { pagedQueryOptions } from "@/lib/paged-query";

export const FAILED_JOBS_PAGE_SIZE = 20;

export type FailedJobsParams = { page: number; page_size: number };

export const failedJobsKey = ["admin", "jobs", "failed"] as const;

export function getFailedJobs(api: ApiClient, params: FailedJobsParams, signal?: AbortSignal): Promise<FailedJobList> {
  return api.get(`/api/admin/jobs/failed${searchString(params)}`, { schema: FailedJobListSchema, signal });
}

export function failedJobsQueryOptions(api: ApiClient, params: FailedJobsParams) {
  return pagedQueryOptions(failedJobsKey, params, (page, signal) => getFailedJobs(api, page, signal));
}

export function useFailedJobs(params: FailedJobsParams) {
  return useQuery(failedJobsQueryOptions(useApiClient(), params));
}
