import type * as React from "react";
import { cn } from "@/lib/utils";

function LogoMark({ className, ...props }: React.ComponentProps<"svg">) {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      data-slot="logo-mark"
      className={cn("size-6 text-primary", className)}
      {...props}
    >
      <path d="M12 1.5 21.5 7 12 12.5 2.5 7Z" fill="currentColor" />
      <path d="M2.5 7 12 12.5v10L2.5 17Z" fill="currentColor" opacity=".72" />
      <path d="M21.5 7 12 12.5v10l9.5-5.5Z" fill="currentColor" opacity=".45" />
    </svg>
  );
}

function Logo({ className, ...props }: React.ComponentProps<"span">) {
  return (
    <span
      data-slot="logo"
      className={cn("inline-flex items-center gap-2 text-base font-semibold tracking-tight", className)}
      {...props}
    >
      <LogoMark />
      <span>
        Chat<span className="text-primary">3D</span>
      </span>
    </span>
  );
}

export { Logo, LogoMark };
