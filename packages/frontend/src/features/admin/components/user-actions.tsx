import type { AdminUser } from "@chat3d/shared";
import { GaugeIcon, KeyRoundIcon, KeySquareIcon, MoreHorizontalIcon, UserCheckIcon, UserXIcon } from "lucide-react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { formatCap, formatDailyLimit } from "../utils/ai-limits";
import { ExplainedMenuItem } from "./explained-menu-item";

export type UserAction = "deactivate" | "activate" | "reset-password" | "limits";

export const actionsButtonId = (userId: string) => `user-actions-${userId}`;

function describeLimits(user: AdminUser) {
  if (user.daily_query_limit === null && user.monthly_cost_cap_usd === null) return "The server's defaults";
  return `${formatDailyLimit(user.daily_query_limit)}, ${formatCap(user.monthly_cost_cap_usd)}`;
}

type UserActionsProps = {
  user: AdminUser;
  isSelf: boolean;
  onAction: (action: UserAction) => void;
};

/** The row's menu; each choice opens a confirmation owned by the table, outside this menu. */
function UserActions({ user, isSelf, onAction }: UserActionsProps) {
  const active = user.status === "active";

  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button id={actionsButtonId(user.id)} variant="ghost" size="icon-sm" aria-label={`Actions for ${user.email}`}>
          <MoreHorizontalIcon aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="truncate">{user.email}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {active ? (
          <DropdownMenuItem onSelect={() => onAction("reset-password")}>
            <KeyRoundIcon aria-hidden="true" />
            Send password reset
          </DropdownMenuItem>
        ) : (
          <ExplainedMenuItem reason="Only active accounts can be sent a password reset. Activate the account first.">
            <KeyRoundIcon aria-hidden="true" />
            Send password reset
          </ExplainedMenuItem>
        )}
        <DropdownMenuItem onSelect={() => onAction("limits")}>
          <GaugeIcon aria-hidden="true" />
          <span className="grid">
            AI limits…
            <span className="text-xs text-muted-foreground">{describeLimits(user)}</span>
          </span>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to={`/admin/users/${encodeURIComponent(user.id)}/tokens`}>
            <KeySquareIcon aria-hidden="true" />
            Access tokens
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        {user.deleted_at ? (
          <ExplainedMenuItem reason="This account was deleted after its grace period; it can't come back.">
            <UserCheckIcon aria-hidden="true" />
            Activate
          </ExplainedMenuItem>
        ) : !active ? (
          <DropdownMenuItem onSelect={() => onAction("activate")}>
            <UserCheckIcon aria-hidden="true" />
            {user.deactivated_until ? "Reactivate (cancel deletion)" : "Activate"}
          </DropdownMenuItem>
        ) : isSelf ? (
          <ExplainedMenuItem reason="You can't deactivate your own account.">
            <UserXIcon aria-hidden="true" />
            Deactivate
          </ExplainedMenuItem>
        ) : (
          <DropdownMenuItem variant="destructive" onSelect={() => onAction("deactivate")}>
            <UserXIcon aria-hidden="true" />
            Deactivate
          </DropdownMenuItem>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

export { UserActions };
