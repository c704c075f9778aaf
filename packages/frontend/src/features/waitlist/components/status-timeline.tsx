import type { WaitlistStatus, WaitlistTokenStatus } from "@chat3d/shared";
import { CheckIcon, XIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format-time";
import { cn } from "@/lib/utils";
import { ownStatusLabels, statusTone } from "../utils/status";

type StepState = "done" | "current" | "upcoming" | "failed";

type Step = { title: string; description: string; state: StepState; time?: string };

const stepStateLabels: Record<StepState, string> = {
  done: "Done",
  current: "In progress",
  upcoming: "Not yet",
  failed: "Not approved",
};

function stepsFor(status: WaitlistStatus, createdAt: string): Step[] {
  const confirmed = status !== "pending_email_confirmation";
  return [
    {
      title: "Joined the waitlist",
      description: "We received your request.",
      state: "done",
      time: createdAt,
    },
    {
      title: "Email confirmed",
      description: confirmed
        ? "You confirmed that this address is yours."
        : "Open the link in the email we sent you to confirm this address.",
      state: confirmed ? "done" : "current",
    },
    status === "rejected"
      ? {
          title: "Not approved",
          description: "An administrator decided not to open an account for this address.",
          state: "failed",
        }
      : {
          title: status === "approved" ? "Approved" : "Approval",
          description:
            status === "approved"
              ? "We emailed you a personal sign-up link. Open it to create your account; it works once."
              : "An administrator reviews each request. We email you as soon as there is a decision.",
          state: status === "approved" ? "done" : confirmed ? "current" : "upcoming",
        },
  ];
}

function StepMarker({ state }: { state: StepState }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "relative z-10 flex size-7 shrink-0 items-center justify-center rounded-full border-2 bg-card",
        state === "done" && "border-success bg-success text-success-foreground",
        state === "failed" && "border-destructive bg-destructive text-destructive-foreground",
        state === "current" && "border-primary text-primary",
        state === "upcoming" && "border-border text-muted-foreground",
      )}
    >
      {state === "done" && <CheckIcon className="size-4" strokeWidth={3} />}
      {state === "failed" && <XIcon className="size-4" strokeWidth={3} />}
      {state === "current" && <span className="size-2.5 animate-pulse rounded-full bg-primary" />}
    </span>
  );
}

/** Where a waitlist request stands: joined → email confirmed → approved or not. */
function StatusTimeline({ entry }: { entry: Pick<WaitlistTokenStatus, "status" | "created_at"> }) {
  const steps = stepsFor(entry.status, entry.created_at);
  return (
    <ol aria-label="Progress of your request" className="grid">
      {steps.map((step, index) => (
        <li
          key={step.title}
          aria-current={step.state === "current" ? "step" : undefined}
          className="relative flex gap-4 pb-6 last:pb-0"
        >
          {index < steps.length - 1 && (
            <span
              aria-hidden="true"
              className={cn(
                "absolute top-7 bottom-0 left-3.5 w-0.5 -translate-x-1/2",
                step.state === "done" ? "bg-success/60" : "bg-border",
              )}
            />
          )}
          <StepMarker state={step.state} />
          <div className="min-w-0 pt-0.5">
            <p className={cn("font-medium", step.state === "upcoming" && "text-muted-foreground")}>
              {step.title}
              <span className="sr-only">{` (${stepStateLabels[step.state]})`}</span>
            </p>
            <p className="mt-0.5 text-sm text-pretty text-muted-foreground">{step.description}</p>
            {step.time && (
              <time dateTime={step.time} className="mt-1 block text-xs text-muted-foreground tabular-nums">
                {formatDateTime(step.time)}
              </time>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

function OwnStatusBadge({ status }: { status: WaitlistStatus }) {
  return <Badge variant={statusTone[status]}>{ownStatusLabels[status]}</Badge>;
}

/** The entry's address, its status and the timeline, as the person on the waitlist sees it. */
function WaitlistEntrySummary({ entry }: { entry: WaitlistTokenStatus }) {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-lg border bg-muted/40 px-4 py-3">
        <div className="min-w-0">
          <p className="text-xs text-muted-foreground">Request for</p>
          <p className="truncate font-medium">{entry.email}</p>
        </div>
        <OwnStatusBadge status={entry.status} />
      </div>
      <StatusTimeline entry={entry} />
      <p className="text-xs text-muted-foreground">
        {entry.marketing_consent
          ? "You asked for occasional news about Chat3D."
          : "You did not ask for news about Chat3D; we only email you about this request."}
      </p>
    </div>
  );
}

export { StatusTimeline, WaitlistEntrySummary };
