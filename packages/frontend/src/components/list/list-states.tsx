import type { LucideIcon } from "lucide-react";
import { RefreshCwIcon, ServerCrashIcon, WifiOffIcon } from "lucide-react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import {
  EmptyState,
  EmptyStateContent,
  EmptyStateDescription,
  EmptyStateHeader,
  EmptyStateMedia,
  EmptyStateTitle,
} from "@/components/ui/empty-state";
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
    <EmptyState className="rounded-none border-none py-14">
      <EmptyStateHeader>
        <EmptyStateMedia variant="icon">
          <Icon />
        </EmptyStateMedia>
        <EmptyStateTitle className="text-base">{title}</EmptyStateTitle>
        <EmptyStateDescription>{description}</EmptyStateDescription>
      </EmptyStateHeader>
      {children && <EmptyStateContent>{children}</EmptyStateContent>}
    </EmptyState>
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
  const unreachable = error instanceof ApiClientError && (error.code === "network_error" || error.status >= 502);
  return (
    <EmptyState className="rounded-none border-none py-14">
      <EmptyStateHeader>
        <EmptyStateMedia variant="destructive">{unreachable ? <WifiOffIcon /> : <ServerCrashIcon />}</EmptyStateMedia>
        <EmptyStateTitle className="text-base">{`Couldn't load ${what}`}</EmptyStateTitle>
        <EmptyStateDescription>{error.message}</EmptyStateDescription>
      </EmptyStateHeader>
      <EmptyStateContent>
        <Button variant="outline" onClick={onRetry} aria-busy={retrying}>
          {retrying ? <Spinner aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
          {retrying ? "Retrying…" : "Try again"}
        </Button>
      </EmptyStateContent>
    </EmptyState>
  );
}

export { ListEmpty, ListError };
