import type { WaitlistBulkResponse } from "@chat3d/shared";
import { CircleCheckIcon, CircleXIcon } from "lucide-react";
import { ResultLine, ResultSummary } from "@/components/result-summary";
import type { Decision } from "../api/decide-entry";

export type BulkOutcome = {
  action: Decision;
  results: WaitlistBulkResponse["results"];
  /** The addresses of the entries sent, by id, as they were listed when the admin chose them. */
  emails: ReadonlyMap<string, string>;
};

const done: Record<Decision, string> = { approve: "Approved", reject: "Rejected" };

/** What a bulk approve or reject did to each entry: the totals, then a line per entry. */
function BulkResults({ outcome, onDismiss }: { outcome: BulkOutcome; onDismiss: () => void }) {
  const succeeded = outcome.results.filter((result) => result.ok).length;
  const failed = outcome.results.length - succeeded;

  return (
    <ResultSummary
      title={`${done[outcome.action]} ${succeeded} of ${outcome.results.length}`}
      summary={
        failed === 0
          ? "Every selected entry was updated."
          : `${failed} could not be changed; the reason is next to each.`
      }
      onDismiss={onDismiss}
      // It takes the place of the dialog that started it.
      focusTitle
      wide
      className="border-b"
    >
      {outcome.results.map((result) => (
        <ResultLine
          key={result.id}
          icon={result.ok ? CircleCheckIcon : CircleXIcon}
          iconClassName={result.ok ? "text-success" : "text-destructive"}
          label={outcome.emails.get(result.id) ?? result.entry?.email ?? result.id}
          detail={result.ok ? done[outcome.action] : (result.error ?? "Could not be changed.")}
        />
      ))}
    </ResultSummary>
  );
}

export { BulkResults };
