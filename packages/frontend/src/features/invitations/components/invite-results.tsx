import type { CreateInvitationsResponse } from "@chat3d/shared";
import { CircleCheckIcon, CircleMinusIcon, CircleSlashIcon } from "lucide-react";
import { ResultLine, ResultSummary } from "@/components/result-summary";

type Result = CreateInvitationsResponse["results"][number];

const outcomes = {
  invited: { icon: CircleCheckIcon, tone: "text-success", count: (n: number) => `${n} invited` },
  already_invited: {
    icon: CircleMinusIcon,
    tone: "text-muted-foreground",
    count: (n: number) => `${n} already invited`,
  },
  quota_exceeded: {
    icon: CircleSlashIcon,
    tone: "text-warning-foreground dark:text-warning",
    count: (n: number) => `${n} over your limit`,
  },
} as const;

function detail(result: Result) {
  if (result.outcome === "already_invited") return "You had already invited this address; nothing was sent.";
  if (result.outcome === "quota_exceeded") return "Not sent: you have no invitations left.";
  return result.invitation?.status === "waitlisted"
    ? "Invited. They'll join the waitlist first."
    : "Invited. We emailed them a sign-up link.";
}

/** What became of each address in the last batch: one line each, and the totals on top. */
function InviteResults({ results, onDismiss }: { results: readonly Result[]; onDismiss: () => void }) {
  const totals = (Object.keys(outcomes) as Result["outcome"][])
    .map((outcome) => ({ outcome, n: results.filter((result) => result.outcome === outcome).length }))
    .filter(({ n }) => n > 0);

  return (
    <ResultSummary
      title="Results"
      summary={totals.map(({ outcome, n }) => outcomes[outcome].count(n)).join(" · ")}
      onDismiss={onDismiss}
      className="rounded-lg border"
    >
      {results.map((result) => (
        <ResultLine
          key={result.email}
          icon={outcomes[result.outcome].icon}
          iconClassName={outcomes[result.outcome].tone}
          label={result.email}
          detail={detail(result)}
        />
      ))}
    </ResultSummary>
  );
}

export { InviteResults };
