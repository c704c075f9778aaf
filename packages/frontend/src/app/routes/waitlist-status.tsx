import { LinkPage } from "@/components/layouts/message-card";
import { WaitlistStatus } from "@/features/waitlist/components/waitlist-status";
import { useLinkToken } from "@/lib/use-link-token";

export function WaitlistStatusRoute() {
  const token = useLinkToken();
  return (
    <LinkPage title="Waitlist status">
      <WaitlistStatus token={token} />
    </LinkPage>
  );
}
