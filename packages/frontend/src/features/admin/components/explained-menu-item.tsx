import type * as React from "react";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

/**
 * A menu item that cannot be used right now and says why. It stays focusable (a disabled Radix item is
 * skipped by the arrow keys), so keyboard and screen-reader users meet the reason too.
 */
function ExplainedMenuItem({ reason, children }: { reason: string; children: React.ReactNode }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <DropdownMenuItem
          aria-disabled="true"
          className="cursor-not-allowed opacity-50 focus:bg-transparent"
          onSelect={(event) => event.preventDefault()}
        >
          {children}
        </DropdownMenuItem>
      </TooltipTrigger>
      <TooltipContent side="left" className="max-w-56">
        {reason}
      </TooltipContent>
    </Tooltip>
  );
}

export { ExplainedMenuItem };
