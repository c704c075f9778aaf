import { LinkPage } from "@/features/waitlist/components/message-card";
import { WaitlistConfirm } from "@/features/waitlist/components/waitlist-confirm";
import { useLinkToken } from "@/features/waitlist/hooks/use-link-token";

export function WaitlistConfirmRoute() {
  const token = useLinkToken();
  return (
    <LinkPage title="Confirm your email">
      <WaitlistConfirm token={token} />
    </LinkPage>
  );
}
