import { ArchiveIcon, KeyRoundIcon, Link2Icon, MailPlusIcon, ShieldCheckIcon, UserRoundIcon } from "lucide-react";
import { Outlet } from "react-router";
import { TabbedPage, type PageSection } from "@/components/layouts/tabbed-page";
import { RequireAuth } from "@/features/auth/components/guards";

const sections: PageSection[] = [
  { to: "/profile", label: "Account", icon: UserRoundIcon },
  { to: "/profile/security", label: "Security", icon: ShieldCheckIcon },
  { to: "/profile/data", label: "Your data", icon: ArchiveIcon },
  { to: "/profile/invitations", label: "Invitations", icon: MailPlusIcon },
  { to: "/profile/shares", label: "Share links", icon: Link2Icon },
  { to: "/profile/tokens", label: "Access tokens", icon: KeyRoundIcon },
];

export function ProfileRoute() {
  return (
    <RequireAuth>
      <TabbedPage
        title="Profile"
        description="Your account, its security and its data, the people you bring to Chat3D, the links you share and the tokens your scripts use."
        sections={sections}
        label="Profile sections"
      >
        <Outlet />
      </TabbedPage>
    </RequireAuth>
  );
}
