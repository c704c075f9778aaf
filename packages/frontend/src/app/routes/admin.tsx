import {
  ActivityIcon,
  ClipboardListIcon,
  MailPlusIcon,
  MailWarningIcon,
  ScrollTextIcon,
  SlidersHorizontalIcon,
  UsersIcon,
} from "lucide-react";
import { Outlet } from "react-router";
import { TabbedPage, type PageSection } from "@/components/layouts/tabbed-page";
import { RequireRole } from "@/features/auth/components/guards";

// Each tab is its own address, so a section can be linked to, reloaded and navigated back to.
const sections: PageSection[] = [
  { to: "/admin/users", label: "Users", icon: UsersIcon },
  { to: "/admin/waitlist", label: "Waitlist", icon: ClipboardListIcon },
  { to: "/admin/invitations", label: "Invitations", icon: MailPlusIcon },
  { to: "/admin/settings", label: "Settings", icon: SlidersHorizontalIcon },
  { to: "/admin/audit", label: "Audit log", icon: ScrollTextIcon },
  { to: "/admin/jobs", label: "Failed jobs", icon: MailWarningIcon },
  { to: "/admin/status", label: "Status", icon: ActivityIcon },
];

export function AdminRoute() {
  return (
    <RequireRole role="admin">
      <TabbedPage
        title="Admin"
        description="Manage accounts, decide who can sign up, and review what changed."
        sections={sections}
        label="Admin sections"
      >
        <Outlet />
      </TabbedPage>
    </RequireRole>
  );
}
