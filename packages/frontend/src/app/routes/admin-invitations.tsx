import { AdminInvitationsPanel } from "@/features/invitations/components/admin-invitations-panel";

export function AdminInvitationsRoute() {
  return (
    <>
      <title>Invitations · Admin · Chat3D</title>
      <AdminInvitationsPanel />
    </>
  );
}
