import { Link, useLocation } from "react-router";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useRegistrationPolicy } from "../api/get-registration-policy";
import { loginPath } from "../utils/redirect";

/** The top bar's account corner for nobody signed in: the way in, or to the waitlist while sign-up is closed. */
function SignedOutActions() {
  const location = useLocation();
  const onLogin = location.pathname === "/login";
  // While the waitlist is on, only people with a link can register: point everyone else at the waitlist.
  const waitlistOn = useRegistrationPolicy().data?.waitlist_enabled === true;
  return (
    <Button asChild variant="outline" size="sm">
      {!onLogin ? (
        <Link to={loginPath(location)}>Sign in</Link>
      ) : waitlistOn ? (
        <Link to="/waitlist">Join the waitlist</Link>
      ) : (
        <Link to="/register">Create account</Link>
      )}
    </Button>
  );
}

/** Holds the account corner's place while we learn who is signed in, or while their menu loads. */
function AccountMenuSkeleton() {
  return <Skeleton className="mx-1.5 size-7 rounded-full" />;
}

export { AccountMenuSkeleton, SignedOutActions };
