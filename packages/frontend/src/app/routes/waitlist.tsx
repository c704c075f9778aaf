import { JoinWaitlist } from "@/features/waitlist/components/join-waitlist";

export function WaitlistRoute() {
  return (
    <>
      <title>Join the waitlist · Chat3D</title>
      <JoinWaitlist />
    </>
  );
}
