import type { LucideIcon } from "lucide-react";
import { RefreshCwIcon, ServerCrashIcon, WifiOffIcon } from "lucide-react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import { EmptyStateMessage } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { ApiClientError } from "@/lib/api-client";

/** Nothing to list: what was looked for, and the way back to everything. */
function ListEmpty({
  icon: Icon,
  title,
  description,
  children,
}: {
  icon: LucideIcon;
  title: string;
  description: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <EmptyStateMessage
      className="rounded-none border-none py-14"
      icon={<Icon />}
      title={title}
      titleClassName="text-base"
      description={description}
    >
      {children}
    </EmptyStateMessage>
  );
}

/** The server could not be reached at all (or a proxy in front of it answered), rather than refusing. */
function isUnreachable(error: Error): boolean {
  return error instanceof ApiClientError && (error.code === "network_error" || error.status >= 502);
}

/** Stays enabled while busy: disabling it would drop keyboard focus to the page. */
function RetryButton({
  retrying,
  onRetry,
  variant = "default",
}: {
  retrying: boolean;
  onRetry: () => void;
  variant?: "default" | "outline";
}) {
  return (
    <Button variant={variant} onClick={onRetry} aria-busy={retrying}>
      {retrying ? <Spinner aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
      {retrying ? "Retrying…" : "Try again"}
    </Button>
  );
}

/** A list that failed to load: the reason and a retry that says when it is working. */
function ListError({
  what,
  error,
  retrying,
  onRetry,
}: {
  what: string;
  error: Error;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <EmptyStateMessage
      className="rounded-none border-none py-14"
      tone="destructive"
      icon={isUnreachable(error) ? <WifiOffIcon /> : <ServerCrashIcon />}
      title={`Couldn't load ${what}`}
      titleClassName="text-base"
      description={error.message}
    >
      <RetryButton variant="outline" retrying={retrying} onRetry={onRetry} />
    </EmptyStateMessage>
  );
}

export { isUnreachable, ListEmpty, ListError, RetryButton };
