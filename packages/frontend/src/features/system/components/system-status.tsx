import type { Health, Readiness } from "@chat3d/shared";
import { RefreshCwIcon, ServerCrashIcon, ServerIcon, WifiOffIcon } from "lucide-react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import { isUnreachable, RetryButton } from "@/components/list/list-states";
import { EmptyStateMessage } from "@/components/ui/empty-state";
import { LoadingRegion } from "@/components/ui/loading-region";
import { ApiClientError } from "@/lib/api-client";
import { useHealth } from "../api/get-health";
import { useProviders } from "../api/get-providers";
import { useReadiness } from "../api/get-readiness";
import { formatLatency, formatUptime } from "../utils/format";
import { AiProviders } from "./ai-providers";
import { checkDetails, checkNames, checkStatus } from "./checks";
import { ServiceCard, ServiceCardSkeleton } from "./service-card";
import { StatusSummary, StatusSummarySkeleton } from "./status-summary";

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

function StatusGrid({ children }: { children: React.ReactNode }) {
  return <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">{children}</div>;
}

function StatusLoading() {
  return (
    <LoadingRegion label="Checking services…" className="space-y-6">
      <StatusSummarySkeleton />
      <StatusGrid>
        <ServiceCardSkeleton icon={ServerIcon} />
        {checkNames.map((name) => (
          <ServiceCardSkeleton key={name} icon={checkDetails[name].icon} />
        ))}
      </StatusGrid>
    </LoadingRegion>
  );
}

function StatusError({ error, retrying, onRetry }: { error: Error; retrying: boolean; onRetry: () => void }) {
  const apiError = error instanceof ApiClientError ? error : null;
  const unreachable = isUnreachable(error);
  return (
    <EmptyStateMessage
      className="border-solid bg-card py-12"
      tone="destructive"
      icon={unreachable ? <WifiOffIcon /> : <ServerCrashIcon />}
      title={unreachable ? "Can't reach the server" : "Status unavailable"}
      description={error.message}
    >
      <RetryButton retrying={retrying} onRetry={onRetry} />
      {apiError && (
        <p className="font-mono text-xs text-muted-foreground">
          {apiError.status > 0 ? `HTTP ${apiError.status} · ` : ""}
          {apiError.code}
        </p>
      )}
    </EmptyStateMessage>
  );
}

function StatusReport({ health, readiness }: { health: Health; readiness: Readiness }) {
  return (
    <div className="space-y-6">
      <StatusSummary readiness={readiness} />
      <StatusGrid>
        <ServiceCard
          icon={ServerIcon}
          title="API server"
          description="REST API and live events"
          status={{ label: "Online", tone: "success" }}
          metric={formatUptime(health.uptime_s)}
          metricLabel="Uptime"
          note={`Version ${health.version}`}
        />
        {checkNames.map((name) => {
          const check = readiness.checks[name];
          const status = checkStatus[check.status];
          return (
            <ServiceCard
              key={name}
              {...checkDetails[name]}
              status={status}
              metric={formatLatency(check.latency_ms)}
              metricLabel="Response time"
              note={check.message ?? status.note}
            />
          );
        })}
      </StatusGrid>
    </div>
  );
}

function SystemStatus() {
  const health = useHealth();
  const readiness = useReadiness();
  const providers = useProviders();
  const fetching = health.isFetching || readiness.isFetching || providers.isFetching;
  const refetchAll = () => {
    void health.refetch();
    void readiness.refetch();
    void providers.refetch();
  };
  const error = health.error ?? readiness.error;
  const checkedAt = Math.max(health.dataUpdatedAt, readiness.dataUpdatedAt);

  return (
    <section aria-labelledby="system-status-heading" className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="space-y-1">
          <h2 id="system-status-heading" className="text-lg font-semibold tracking-tight">
            System status
          </h2>
          <p className="text-sm text-pretty text-muted-foreground">
            Health of this Chat3D server and the services it depends on.
          </p>
        </div>
        {!error && (
          <div className="flex shrink-0 items-center gap-3">
            {/* Always present, so the button does not jump when the first answer lands. */}
            <p className="text-sm text-muted-foreground">
              {checkedAt > 0 ? (
                <>
                  Checked <time dateTime={new Date(checkedAt).toISOString()}>{timeFormat.format(checkedAt)}</time>
                </>
              ) : (
                "Checking…"
              )}
            </p>
            <Button variant="outline" size="sm" onClick={refetchAll} aria-busy={fetching}>
              <RefreshCwIcon aria-hidden="true" className={fetching ? "animate-spin" : undefined} />
              Refresh
            </Button>
          </div>
        )}
      </div>
      {error ? (
        <StatusError error={error} retrying={fetching} onRetry={refetchAll} />
      ) : health.data && readiness.data ? (
        <StatusReport health={health.data} readiness={readiness.data} />
      ) : (
        <StatusLoading />
      )}
      {!error && <AiProviders query={providers} />}
    </section>
  );
}

export { SystemStatus };
