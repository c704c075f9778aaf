import type * as React from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";

type PendingButtonProps = React.ComponentProps<typeof Button> & {
  pending: boolean;
  /** What the button says while its action runs, e.g. "Saving…". */
  pendingLabel: string;
  /** Shown before the label while idle; the spinner takes its place while pending. */
  icon?: React.ReactNode;
};

const labelClass = "col-start-1 row-start-1 inline-flex items-center justify-center gap-2";

/**
 * A button whose action takes a while: disabled, busy and saying what it is doing while pending. Both
 * labels always take their place, stacked, so the button keeps its size when one swaps for the other.
 */
function PendingButton({ pending, pendingLabel, icon, disabled, children, ...props }: PendingButtonProps) {
  return (
    <Button disabled={disabled || pending} aria-busy={pending} {...props}>
      <span data-slot="pending-button-labels" className="grid">
        <span aria-hidden={pending || undefined} className={cn(labelClass, pending && "invisible")}>
          {icon}
          {children}
        </span>
        <span aria-hidden={!pending || undefined} className={cn(labelClass, !pending && "invisible")}>
          <Spinner aria-hidden="true" />
          {pendingLabel}
        </span>
      </span>
    </Button>
  );
}

export { PendingButton };
