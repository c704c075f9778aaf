import type { User } from "@chat3d/shared";
import { useLiveAdmin } from "@/features/admin/hooks/use-live-admin";
import { useAccountStatusEvents } from "@/features/auth/hooks/use-account-status-events";
import { AccountMenu } from "@/features/auth/components/account-menu";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { useNotificationEvents } from "@/features/notifications/hooks/use-notification-events";
import { useProfileEvents } from "@/features/profile/hooks/use-profile-events";
import { useOpenEventStream } from "@/lib/realtime/realtime-provider";

/**
 * The top bar's corner for someone signed in, and what keeps their caches live meanwhile: each feature's event
 * hooks, then the stream. Loaded only once someone is signed in, so the sign-in page carries none of it.
 */
export function SignedInShell({ user }: { user: User }) {
  useAccountStatusEvents(user.id);
  useLiveAdmin();
  useNotificationEvents();
  useProfileEvents();
  useOpenEventStream();
  return (
    <>
      <NotificationBell />
      <AccountMenu user={user} />
    </>
  );
}
