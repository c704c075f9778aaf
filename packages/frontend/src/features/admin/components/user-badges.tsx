import type { AdminUser, UserRole, UserStatus } from "@chat3d/shared";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format-time";

export const statusLabels: Record<UserStatus, string> = {
  active: "Active",
  deactivated: "Deactivated",
  pending_registration: "Pending",
};

const statusTones = { active: "success", deactivated: "destructive", pending_registration: "warning" } as const;

function StatusBadge({ status }: { status: UserStatus }) {
  return (
    <Badge variant={statusTones[status]}>
      <span className="size-1.5 rounded-full bg-current" aria-hidden="true" />
      {statusLabels[status]}
    </Badge>
  );
}

/** The status, with the two states a person's own deletion adds: its grace period, and after it. */
function AccountStatusBadge({ user }: { user: AdminUser }) {
  if (user.deleted_at) {
    return (
      <Badge variant="secondary" title={`Anonymised ${formatDateTime(user.deleted_at)}`}>
        Deleted
      </Badge>
    );
  }
  if (user.status === "deactivated" && user.deactivated_until) {
    return (
      <Badge variant="warning" title={`Deleted for good on ${formatDateTime(user.deactivated_until)}`}>
        <span className="size-1.5 rounded-full bg-current" aria-hidden="true" />
        Pending deletion
      </Badge>
    );
  }
  return <StatusBadge status={user.status} />;
}

function RoleBadge({ role }: { role: UserRole }) {
  return role === "admin" ? <Badge>Admin</Badge> : <Badge variant="secondary">User</Badge>;
}

export { AccountStatusBadge, RoleBadge, StatusBadge };
