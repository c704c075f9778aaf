import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import type * as React from "react";
import { Button } from "@/components/ui/button";

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
};

const number = new Intl.NumberFormat("en");

type PageButtonProps = { enabled: boolean; onClick: () => void; label: string; children: React.ReactNode };

function PageButton({ enabled, onClick, label, children }: PageButtonProps) {
  // aria-disabled instead of disabled: the button keeps focus when the last page is reached.
  return (
    <Button
      variant="outline"
      size="sm"
      aria-label={label}
      aria-disabled={!enabled}
      onClick={() => enabled && onClick()}
      className="aria-disabled:cursor-not-allowed aria-disabled:opacity-50 aria-disabled:hover:bg-background"
    >
      {children}
    </Button>
  );
}

/** "Showing 21–40 of 57" with Previous and Next. */
function Pagination({ page, pageSize, total, onPageChange }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : Math.min((page - 1) * pageSize + 1, total);
  const last = Math.min(page * pageSize, total);

  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 border-t px-4 py-3 sm:px-6">
      <p className="text-sm text-muted-foreground tabular-nums" role="status" aria-live="polite">
        Showing{" "}
        <span className="font-medium text-foreground">
          {number.format(first)}–{number.format(last)}
        </span>{" "}
        of <span className="font-medium text-foreground">{number.format(total)}</span>
      </p>
      <div className="flex items-center gap-2">
        <span className="hidden text-sm text-muted-foreground tabular-nums sm:inline">
          Page {page} of {pages}
        </span>
        <PageButton label="Previous page" enabled={page > 1} onClick={() => onPageChange(page - 1)}>
          <ChevronLeftIcon aria-hidden="true" />
          <span className="hidden sm:inline">Previous</span>
        </PageButton>
        <PageButton label="Next page" enabled={page < pages} onClick={() => onPageChange(page + 1)}>
          <span className="hidden sm:inline">Next</span>
          <ChevronRightIcon aria-hidden="true" />
        </PageButton>
      </div>
    </nav>
  );
}

export { Pagination };
