import type { LlmProvider, ProviderStatus } from "@chat3d/shared";
import { BotIcon, CircleAlertIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import {
  EmptyState,
  EmptyStateDescription,
  EmptyStateHeader,
  EmptyStateMedia,
  EmptyStateTitle,
} from "@/components/ui/empty-state";
import type { useProviders } from "../api/get-providers";
import { formatLatency } from "../utils/format";
import { checkStatus } from "./checks";
import { ServiceCard, ServiceCardSkeleton } from "./service-card";

const PROVIDER_LABELS: Record<LlmProvider, string> = {
  anthropic: "Anthropic",
  openai: "OpenAI",
  xai: "xAI",
  ollama: "Ollama",
};

const listFormat = new Intl.ListFormat("en", { type: "conjunction" });

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function modelsNote(provider: ProviderStatus) {
  if (!provider.models.length) return "Offers no models right now.";
  return `Offers ${listFormat.format(provider.models.map((m) => m.label))}.`;
}

/** The AI providers the server is configured with: the one dependency the product needs most. */
function AiProviders({ query }: { query: ReturnType<typeof useProviders> }) {
  return (
    <section aria-labelledby="ai-providers-heading" className="space-y-3">
      <h3 id="ai-providers-heading" className="font-semibold tracking-tight">
        AI providers
      </h3>
      {query.error ? (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden="true" />
          <AlertTitle>Couldn't check the AI providers</AlertTitle>
          <AlertDescription>{query.error.message}</AlertDescription>
        </Alert>
      ) : !query.data ? (
        // The page's own "Checking services…" status speaks for this too: one announcement, not two.
        <div aria-busy="true" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <ServiceCardSkeleton icon={BotIcon} />
        </div>
      ) : query.data.providers.length === 0 ? (
        <EmptyState className="border-solid bg-card py-8">
          <EmptyStateHeader>
            <EmptyStateMedia>
              <BotIcon />
            </EmptyStateMedia>
            <EmptyStateTitle>No AI provider configured</EmptyStateTitle>
            <EmptyStateDescription>
              People can write and render code, but not ask the AI. Set ANTHROPIC_API_KEY, OPENAI_API_KEY, XAI_API_KEY
              or OLLAMA_BASE_URL (see Configuration in the README).
            </EmptyStateDescription>
          </EmptyStateHeader>
        </EmptyState>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {query.data.providers.map((provider) => {
            const status = checkStatus[provider.check.status];
            return (
              <ServiceCard
                key={provider.provider}
                icon={BotIcon}
                title={PROVIDER_LABELS[provider.provider]}
                description={hostOf(provider.base_url)}
                status={status}
                metric={formatLatency(provider.check.latency_ms)}
                metricLabel="Response time"
                note={
                  provider.check.status === "ok"
                    ? modelsNote(provider)
                    : `${(provider.check.message ?? status.note).replace(/\.?$/, ".")} ${modelsNote(provider)}`
                }
              />
            );
          })}
        </div>
      )}
    </section>
  );
}

export { AiProviders };
