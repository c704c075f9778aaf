import type { Readiness } from "@chat3d/shared";
import { cva } from "class-variance-authority";
import { CircleAlertIcon, CircleCheckIcon } from "lucide-react";
import { Skeleton } from "@/components/ui/skeleton";
import { checksIn } from "./checks";

const summaryVariants = cva("flex items-start gap-4 rounded-xl border p-4 sm:items-center sm:p-5", {
  variants: {
    tone: {
      success: "border-success/25 bg-success/5",
      destructive: "border-destructive/30 bg-destructive/5",
      pending: "bg-card",
    },
  },
});

const iconVariants = cva("flex size-10 shrink-0 items-center justify-center rounded-full [&_svg]:size-5", {
  variants: {
    tone: {
      success: "bg-success/15 text-success",
      destructive: "bg-destructive/15 text-destructive",
    },
  },
});

function describe(readiness: Readiness) {
  const down = checksIn(readiness, "down");
  const notConfigured = checksIn(readiness, "not_configured");
  const unconfiguredNote =
    notConfigured.count > 0 ? ` ${notConfigured.list} ${notConfigured.count === 1 ? "is" : "are"} not configured.` : "";

  if (readiness.status === "ready") {
    return {
      tone: "success" as const,
      title: "All systems operational",
      text: `This server is ready to take requests.${unconfiguredNote}`,
    };
  }
  return {
    tone: "destructive" as const,
    title: "Not ready to serve requests",
    text:
      down.count > 0
        ? `${down.list} ${down.count === 1 ? "is" : "are"} down. Chat3D can't serve requests until ${down.count === 1 ? "it is" : "they are"} back.${unconfiguredNote}`
        : `The server reports it isn't ready yet; it may still be starting.${unconfiguredNote}`,
  };
}

function StatusSummary({ readiness }: { readiness: Readiness }) {
  const { tone, title, text } = describe(readiness);
  const Icon = tone === "success" ? CircleCheckIcon : CircleAlertIcon;

  return (
    <section aria-labelledby="status-summary-title" className={summaryVariants({ tone })}>
      <span className={iconVariants({ tone })}>
        <Icon aria-hidden="true" />
      </span>
      <div className="min-w-0 space-y-0.5">
        <h2 id="status-summary-title" className="font-semibold tracking-tight">
          {title}
        </h2>
        <p className="text-sm text-pretty text-muted-foreground">{text}</p>
      </div>
    </section>
  );
}

function StatusSummarySkeleton() {
  return (
    <div className={summaryVariants({ tone: "pending" })}>
      <Skeleton className="size-10 shrink-0 rounded-full" />
      <div className="min-w-0 flex-1 space-y-0.5">
        <div className="flex h-6 items-center">
          <Skeleton className="h-4 w-48 max-w-full" />
        </div>
        <div className="flex h-5 items-center">
          <Skeleton className="h-3.5 w-72 max-w-full" />
        </div>
      </div>
    </div>
  );
}

export { StatusSummary, StatusSummarySkeleton };
