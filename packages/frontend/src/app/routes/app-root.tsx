import { Outlet, ScrollRestoration } from "react-router";
import { AppLayout, type NavItem } from "@/components/layouts/app-layout";
import { SessionEndedRedirect } from "@/features/auth/components/guards";
import { UserMenu } from "@/features/auth/components/user-menu";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { useEventEffects } from "@/lib/realtime/event-effects";

// Chat, admin and profile add their entries here as those features land.
const navItems: NavItem[] = [{ to: "/", label: "Status", end: true }];

export function AppRoot() {
  useEventEffects();
  return (
    <AppLayout
      navItems={navItems}
      actions={
        <>
          <NotificationBell />
          <UserMenu />
        </>
      }
    >
      <SessionEndedRedirect />
      <Outlet />
      <ScrollRestoration />
    </AppLayout>
  );
}
