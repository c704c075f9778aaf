import { XIcon } from "lucide-react";
import type * as React from "react";
import { cn } from "@/lib/utils";

/** A small rounded token in a list (a picked face, a filter), with a button that takes it away. */
function Chip({
  children,
  removeLabel,
  onRemove,
  className,
  ...props
}: React.ComponentProps<"span"> & { removeLabel: string; onRemove: () => void }) {
  return (
    <span
      role="listitem"
      data-slot="chip"
      className={cn(
        "inline-flex items-center gap-1 rounded-full border bg-primary/10 py-0.5 pr-0.5 pl-2 text-xs",
        className,
      )}
      {...props}
    >
      {children}
      <button
        type="button"
        aria-label={removeLabel}
        onClick={onRemove}
        className="rounded-full p-0.5 outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring/50"
      >
        <XIcon aria-hidden="true" className="size-3" />
      </button>
    </span>
  );
}

export { Chip };
