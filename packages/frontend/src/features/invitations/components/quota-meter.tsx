import type { InvitationList } from "@chat3d/shared";
import { InfinityIcon } from "lucide-react";
import { Progress } from "@/components/ui/progress";
import { cn } from "@/lib/utils";

type Quota = InvitationList["quota"];

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** How many invitations the person has used and has left; administrators have no limit. */
function QuotaMeter({ quota }: { quota: Quota }) {
  if (quota.limit === null) {
    return (
      <div className="space-y-3">
        <div className="flex items-center gap-2">
          <InfinityIcon aria-hidden="true" className="size-6 text-primary" />
          <p className="text-2xl font-semibold tracking-tight">Unlimited</p>
        </div>
        <p className="text-sm text-muted-foreground">
          Administrators invite without a limit. {plural(quota.used, "invitation", "invitations")} sent so far.
        </p>
      </div>
    );
  }

  const remaining = quota.remaining ?? Math.max(0, quota.limit - quota.used);
  const full = remaining === 0;
  return (
    <div className="space-y-3">
      <p className="flex items-baseline gap-1.5">
        <span className="text-2xl font-semibold tracking-tight tabular-nums">{quota.used}</span>
        <span className="text-sm text-muted-foreground tabular-nums">of {quota.limit} used</span>
      </p>
      <Progress
        // A limit lowered below what was already sent must not overflow the bar.
        value={Math.min(quota.used, Math.max(quota.limit, 1))}
        max={Math.max(quota.limit, 1)}
        aria-label="Invitations used"
        getValueLabel={() => `${quota.used} of ${quota.limit} invitations used`}
        indicatorClassName={cn(full && "bg-warning")}
      />
      <p
        className={cn(
          "text-sm",
          full ? "font-medium text-warning-foreground dark:text-warning" : "text-muted-foreground",
        )}
      >
        {full ? "No invitations left." : `${plural(remaining, "invitation", "invitations")} left.`}
      </p>
      <p className="text-xs text-pretty text-muted-foreground">
        Revoked invitations don't count, so revoking one you no longer need gives it back.
      </p>
    </div>
  );
}

export { QuotaMeter };
