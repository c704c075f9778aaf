import { LinkPage } from "@/components/layouts/message-card";
import { WaitlistConfirm } from "@/features/waitlist/components/waitlist-confirm";
import { useLinkToken } from "@/lib/use-link-token";

export function WaitlistConfirmRoute() {
  const token = useLinkToken();
  return (
    <LinkPage title="Confirm your email">
      <WaitlistConfirm token={token} />
    </LinkPage>
  );
}
