import { LinkPage } from "@/features/waitlist/components/message-card";
import { WaitlistStatus } from "@/features/waitlist/components/waitlist-status";
import { useLinkToken } from "@/features/waitlist/hooks/use-link-token";

export function WaitlistStatusRoute() {
  const token = useLinkToken();
  return (
    <LinkPage title="Waitlist status">
      <WaitlistStatus token={token} />
    </LinkPage>
  );
}
