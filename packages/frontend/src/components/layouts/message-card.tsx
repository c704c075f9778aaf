import { RefreshCwIcon, WifiOffIcon, type LucideIcon } from "lucide-react";
import { useEffect, useRef } from "react";
import type * as React from "react";
import { Page } from "@/components/layouts/page";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";

const tones = {
  primary: "bg-primary/10 text-primary",
  success: "bg-success/12 text-success",
  warning: "bg-warning/15 text-warning-foreground dark:text-warning",
  destructive: "bg-destructive/10 text-destructive",
  muted: "bg-muted text-muted-foreground",
} as const;

export type MessageTone = keyof typeof tones;

type MessageCardProps = {
  icon: LucideIcon;
  tone?: MessageTone;
  /** The page's h1 (or an h2 inside a page that has one). */
  title: string;
  headingLevel?: 1 | 2;
  description: React.ReactNode;
  children?: React.ReactNode;
  className?: string;
  /** Moves focus to the title when the card appears in place of what the person was using (a form). */
  focusTitle?: boolean;
};

/** One outcome in a card: what happened, in a sentence, and what to do next. */
function MessageCard({
  icon: Icon,
  tone = "primary",
  title,
  headingLevel = 1,
  description,
  children,
  className,
  focusTitle = false,
}: MessageCardProps) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) headingRef.current?.focus();
  }, [focusTitle]);
  return (
    <Card className={cn("gap-6 px-6 py-8 shadow-sm sm:px-8", className)}>
      <div className="flex flex-col items-center gap-3 text-center">
        <span aria-hidden="true" className={cn("flex size-12 items-center justify-center rounded-full", tones[tone])}>
          <Icon className="size-6" />
        </span>
        <Heading
          ref={headingRef}
          tabIndex={-1}
          className="text-xl font-semibold tracking-tight text-balance outline-none"
        >
          {title}
        </Heading>
        <div className="text-sm text-pretty text-muted-foreground">{description}</div>
      </div>
      {children}
    </Card>
  );
}

/** A narrow, centred column for the pages an email link opens. */
function LinkPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Page className="flex flex-1 flex-col items-center justify-center py-10 sm:py-16">
      <title>{`${title} · Chat3D`}</title>
      <div className="w-full max-w-md space-y-6">{children}</div>
    </Page>
  );
}

/** The link could not be checked (server unreachable): say why and offer to ask again. */
function LoadFailedMessage({ error, retrying, onRetry }: { error: Error; retrying: boolean; onRetry: () => void }) {
  return (
    <MessageCard icon={WifiOffIcon} tone="destructive" title="Couldn't check your link" description={error.message}>
      <Button variant="outline" onClick={onRetry} aria-busy={retrying}>
        {retrying ? <Spinner aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
        {retrying ? "Retrying…" : "Try again"}
      </Button>
    </MessageCard>
  );
}

function MessageCardSkeleton({ label }: { label: string }) {
  return (
    <Card aria-busy="true" className="items-center gap-4 px-6 py-8 sm:px-8">
      <p role="status" className="sr-only">
        {label}
      </p>
      <Skeleton className="size-12 rounded-full" />
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-4 w-64 max-w-full" />
      <Skeleton className="mt-2 h-10 w-full" />
    </Card>
  );
}

export { LinkPage, LoadFailedMessage, MessageCard, MessageCardSkeleton };
