import { AdminWaitlistPanel } from "@/features/waitlist/components/admin-waitlist-panel";

export function AdminWaitlistRoute() {
  return (
    <>
      <title>Waitlist · Admin · Chat3D</title>
      <AdminWaitlistPanel />
    </>
  );
}
