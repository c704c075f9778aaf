import type { LucideIcon } from "lucide-react";
import { XIcon } from "lucide-react";
import { useEffect, useId, useRef } from "react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

type ResultSummaryProps = {
  title: string;
  /** The totals, read out when the summary appears. */
  summary: React.ReactNode;
  onDismiss: () => void;
  /** Moves focus to the title when the summary replaces what the person was using (a dialog, a form). */
  focusTitle?: boolean;
  /** Lines up with a card's edge-to-edge content (a table), rather than sitting in a box of its own. */
  wide?: boolean;
  className?: string;
  /** One `ResultLine` per item. */
  children: React.ReactNode;
};

/** What a batch action did to each item: a title with the totals, then a line per item. */
function ResultSummary({
  title,
  summary,
  onDismiss,
  focusTitle = false,
  wide = false,
  className,
  children,
}: ResultSummaryProps) {
  const titleId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) titleRef.current?.focus();
  }, [focusTitle]);

  return (
    <section
      aria-labelledby={titleId}
      data-slot="result-summary"
      className={cn("group/results bg-muted/30", className)}
      data-wide={wide || undefined}
    >
      <div className="flex items-start justify-between gap-3 border-b px-4 py-3 group-data-wide/results:sm:px-6">
        <div className="min-w-0">
          <h3 id={titleId} ref={titleRef} tabIndex={-1} className="text-sm font-medium outline-none">
            {title}
          </h3>
          <p role="status" className="text-sm text-muted-foreground">
            {summary}
          </p>
        </div>
        <Button variant="ghost" size="icon-sm" onClick={onDismiss} aria-label="Dismiss results" className="-mr-1.5">
          <XIcon aria-hidden="true" />
        </Button>
      </div>
      <ul className="divide-y">{children}</ul>
    </section>
  );
}

function ResultLine({
  icon: Icon,
  iconClassName,
  label,
  detail,
}: {
  icon: LucideIcon;
  iconClassName: string;
  label: string;
  detail: string;
}) {
  return (
    <li className="flex items-start gap-3 px-4 py-2.5 text-sm group-data-wide/results:sm:px-6">
      <Icon aria-hidden="true" className={cn("mt-0.5 size-4 shrink-0", iconClassName)} />
      <div className="min-w-0">
        <p className="truncate font-medium">{label}</p>
        <p className="text-muted-foreground">{detail}</p>
      </div>
    </li>
  );
}

export { ResultLine, ResultSummary };
