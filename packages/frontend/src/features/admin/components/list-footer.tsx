import type { Paginated } from "@chat3d/shared";
import { Pagination } from "@/components/list/pagination";

type ListFooterProps = {
  data: Paginated<unknown> | undefined;
  pageSize: number;
  /** True until the first page has arrived (or failed). */
  loading: boolean;
  loadingLabel: string;
  onPageChange: (page: number) => void;
};

/** Under a list: where we are in it and the way to the next page, or, before the first answer, word of loading. */
function ListFooter({ data, pageSize, loading, loadingLabel, onPageChange }: ListFooterProps) {
  if (loading) {
    return (
      <p role="status" className="sr-only">
        {loadingLabel}
      </p>
    );
  }
  if (!data || data.total === 0) return null;
  return <Pagination page={data.page} pageSize={pageSize} total={data.total} onPageChange={onPageChange} />;
}

export { ListFooter };
