import type { UserRole, UserStatus } from "@chat3d/shared";
import { Badge } from "@/components/ui/badge";

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

function RoleBadge({ role }: { role: UserRole }) {
  return role === "admin" ? <Badge>Admin</Badge> : <Badge variant="secondary">User</Badge>;
}

export { RoleBadge, StatusBadge };
