import { CheckIcon, MailCheckIcon } from "lucide-react";
import { useEffect, useRef } from "react";
import type * as React from "react";
import { cn } from "@/lib/utils";

type EmailSentProps = {
  title?: string;
  /** The server's sentence: where the link went, or the same answer for every address. */
  message: string;
  tips?: readonly string[];
  /** The ways on: back to sign in, another address. */
  children?: React.ReactNode;
  className?: string;
};

/** In place of a form whose work continues in an email: what to do next. The heading takes the focus. */
function EmailSent({ title = "Check your inbox", message, tips = [], children, className }: EmailSentProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <div className={cn("grid gap-6", className)}>
      <div className="flex flex-col items-center gap-3 text-center">
        <span
          aria-hidden="true"
          className="flex size-12 items-center justify-center rounded-full bg-success/12 text-success"
        >
          <MailCheckIcon className="size-6" />
        </span>
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold tracking-tight outline-none">
          {title}
        </h2>
        <p role="status" className="text-sm text-pretty break-words text-muted-foreground">
          {message}
        </p>
      </div>
      {tips.length > 0 && (
        <ul className="grid gap-2 text-sm text-muted-foreground">
          {tips.map((tip) => (
            <li key={tip} className="flex gap-2">
              <CheckIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
              {tip}
            </li>
          ))}
        </ul>
      )}
      {children && <div className="grid gap-2">{children}</div>}
    </div>
  );
}

export { EmailSent };
