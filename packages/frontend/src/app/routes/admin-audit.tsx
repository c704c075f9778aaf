import { AuditLogPanel } from "@/features/admin/components/audit-log-panel";
import { useAuth } from "@/features/auth/components/auth-provider";

export function AdminAuditRoute() {
  const { user } = useAuth();
  return (
    <>
      <title>Audit log · Admin · Chat3D</title>
      <AuditLogPanel currentUserId={user?.id ?? null} />
    </>
  );
}
