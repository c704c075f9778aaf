import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { useRegistrationPolicy } from "../api/get-registration-policy";

type SignUpLinkProps = {
  /** A signed-in person is sent to their workspace instead (the caller knows; a second session query would race it). */
  signedIn?: boolean;
  size?: "default" | "lg";
  className?: string;
};

/** The one way in this server offers a visitor: "Create an account", or "Join the waitlist" while sign-up is by invitation. */
function SignUpLink({ signedIn = false, size = "lg", className }: SignUpLinkProps) {
  const policy = useRegistrationPolicy();
  if (signedIn) {
    return (
      <Button asChild size={size} className={className}>
        <Link to="/chat">Open your workspace</Link>
      </Button>
    );
  }
  // A placeholder of the button's size while the answer loads, so nothing around it moves.
  if (policy.isPending) {
    return <Skeleton aria-hidden="true" className={cn(size === "lg" ? "h-10 w-44" : "h-9 w-40", className)} />;
  }
  // Unknown policy: the sign-up page itself says when it is by invitation.
  const waitlist = policy.data?.waitlist_enabled === true;
  return (
    <Button asChild size={size} className={className}>
      <Link to={waitlist ? "/waitlist" : "/register"}>{waitlist ? "Join the waitlist" : "Create an account"}</Link>
    </Button>
  );
}

export { SignUpLink };
