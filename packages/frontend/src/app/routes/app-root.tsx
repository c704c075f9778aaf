import { lazy, Suspense, useState } from "react";
import { Outlet, ScrollRestoration } from "react-router";
import { AppLayout, type NavItem } from "@/components/layouts/app-layout";
import { useAuth } from "@/features/auth/components/auth-provider";
import { EmailUnconfirmedBanner } from "@/features/auth/components/email-unconfirmed-banner";
import { SessionEndedRedirect } from "@/features/auth/components/guards";
import { AccountMenuSkeleton, SignedOutActions } from "@/features/auth/components/signed-out-actions";

const SignedInShell = lazy(() =>
  import("../signed-in-shell").then(({ SignedInShell }) => ({ default: SignedInShell })),
);
const Toaster = lazy(() => import("@/components/ui/sonner").then(({ Toaster }) => ({ default: Toaster })));

// Admin and profile are reached from the account menu.
const signedInNav: NavItem[] = [{ to: "/chat", label: "Workspace" }];

export function AppRoot() {
  const { user, status } = useAuth();
  // Toasts come from signed-in work; once shown, the toaster stays, so "your account was deactivated"
  // outlives the session it announces the end of.
  const [toaster, setToaster] = useState(false);
  if (user && !toaster) setToaster(true);

  return (
    <AppLayout
      navItems={user ? signedInNav : []}
      actions={
        status === "loading" ? (
          <AccountMenuSkeleton />
        ) : user ? (
          <Suspense fallback={<AccountMenuSkeleton />}>
            <SignedInShell key={user.id} user={user} />
          </Suspense>
        ) : (
          <SignedOutActions />
        )
      }
    >
      <SessionEndedRedirect />
      {user && !user.email_confirmed && <EmailUnconfirmedBanner email={user.email} />}
      <Outlet />
      <ScrollRestoration />
      {toaster && (
        <Suspense>
          <Toaster />
        </Suspense>
      )}
    </AppLayout>
  );
}
