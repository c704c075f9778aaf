import type { UserRole } from "@chat3d/shared";
import { RefreshCwIcon, ShieldXIcon, WifiOffIcon } from "lucide-react";
import type * as React from "react";
import { Link, Navigate, Outlet, useLocation, useSearchParams } from "react-router";
import { Page } from "@/components/layouts/page";
import { PageMessage } from "@/components/layouts/page-message";
import { Button } from "@/components/ui/button";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { loginPath, safeNext } from "../utils/redirect";
import { AuthCardSkeleton } from "./auth-card";
import { useAuth } from "./auth-provider";

/** The shape of a page while we learn who is signed in: no flash of the sign-in page for someone who is. */
function PageSkeleton() {
  return (
    <Page>
      <LoadingRegion label="Loading…">
        <div className="mb-8 space-y-3">
          <Skeleton className="h-8 w-56 max-w-full" />
          <Skeleton className="h-4 w-96 max-w-full" />
        </div>
        <Skeleton className="h-80 w-full rounded-xl" />
      </LoadingRegion>
    </Page>
  );
}

/** We could not ask who is signed in (server unreachable): say so instead of guessing either way. */
function AuthUnavailable() {
  const { error, retry, isFetching } = useAuth();
  return (
    <PageMessage
      title="Can't reach the server"
      icon={<WifiOffIcon />}
      tone="destructive"
      description={error?.message ?? "Check your connection and try again."}
    >
      <Button onClick={() => void retry()} aria-busy={isFetching}>
        {isFetching ? <Spinner aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
        {isFetching ? "Retrying…" : "Try again"}
      </Button>
    </PageMessage>
  );
}

/** Renders its children (or the child routes) for a signed-in person; sends anyone else to sign in and back. */
function RequireAuth({ children }: { children?: React.ReactNode }) {
  const { user, status, sessionEnded } = useAuth();
  const location = useLocation();

  if (status === "loading") return <PageSkeleton />;
  if (status === "error") return <AuthUnavailable />;
  // An ended session has its own redirect, which carries the explanation; wait for it.
  if (!user) return sessionEnded ? <PageSkeleton /> : <Navigate to={loginPath(location)} replace />;
  return children ?? <Outlet />;
}

function Forbidden() {
  return (
    <PageMessage
      title="You don't have access"
      icon={<ShieldXIcon />}
      tone="destructive"
      eyebrow={<p className="font-mono text-sm font-medium text-destructive">403</p>}
      description="This area is for administrators. If you need access, ask an administrator of this Chat3D server."
    >
      <Button asChild>
        <Link to="/">Back to home</Link>
      </Button>
    </PageMessage>
  );
}

function RoleGate({ role, children }: { role: UserRole; children?: React.ReactNode }) {
  const { user } = useAuth();
  if (user?.role !== role) return <Forbidden />;
  return children ?? <Outlet />;
}

/** Like RequireAuth, and a signed-in person without the role sees a 403 page. */
function RequireRole({ role, children }: { role: UserRole; children?: React.ReactNode }) {
  return (
    <RequireAuth>
      <RoleGate role={role}>{children}</RoleGate>
    </RequireAuth>
  );
}

/** The sign-in and sign-up pages: a signed-in person goes on to where they were headed (or home). */
function GuestOnly({ children }: { children: React.ReactNode }) {
  const { user, status } = useAuth();
  const [params] = useSearchParams();

  if (status === "loading") return <AuthCardSkeleton />;
  if (user) return <Navigate to={safeNext(params.get("next"))} replace />;
  return children;
}

/** When a signed-in person's session ends under them, take them to sign in and say why. */
function SessionEndedRedirect() {
  const { sessionEnded } = useAuth();
  const location = useLocation();
  if (!sessionEnded || location.pathname === "/login") return null;
  return <Navigate to={loginPath(location)} state={{ sessionEnded: true }} replace />;
}

export { GuestOnly, RequireAuth, RequireRole, SessionEndedRedirect };
