import { Outlet, ScrollRestoration } from "react-router";
import { AppLayout, type NavItem } from "@/components/layouts/app-layout";

// Chat, admin and profile add their entries here as those features land.
const navItems: NavItem[] = [{ to: "/", label: "Status", end: true }];

export function AppRoot() {
  return (
    <AppLayout navItems={navItems}>
      <Outlet />
      <ScrollRestoration />
    </AppLayout>
  );
}
