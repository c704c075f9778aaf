import { LinkPage } from "@/components/layouts/message-card";
import { AccountConfirm } from "@/features/auth/components/account-confirm";
import { useLinkToken } from "@/lib/use-link-token";

export function AccountConfirmRoute() {
  const token = useLinkToken();
  return (
    <LinkPage title="Account link">
      <AccountConfirm token={token} />
    </LinkPage>
  );
}
