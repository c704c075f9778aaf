import { InvitationManager } from "@/features/invitations/components/invitation-manager";

export function ProfileInvitationsRoute() {
  return (
    <>
      <title>Invitations · Profile · Chat3D</title>
      <InvitationManager />
    </>
  );
}
