import { keepPreviousData, queryOptions, type QueryMeta } from "@tanstack/react-query";

/**
 * Query options for one page of a list: keyed under the list's prefix by its parameters, and showing the last
 * page while the next loads, so a table does not empty and refill.
 */
export function pagedQueryOptions<TParams, TData>(
  prefix: readonly unknown[],
  params: TParams,
  fetchPage: (params: TParams, signal: AbortSignal) => Promise<TData>,
  meta?: QueryMeta,
) {
  return queryOptions({
    queryKey: [...prefix, params],
    queryFn: ({ signal }) => fetchPage(params, signal),
    placeholderData: keepPreviousData,
    meta,
  });
}
