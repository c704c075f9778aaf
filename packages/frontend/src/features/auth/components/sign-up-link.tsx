import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { useRegistrationPolicy } from "../api/get-registration-policy";
import { useAuth } from "./auth-provider";

/**
 * The one way in this server offers a visitor: "Create an account", or "Join the waitlist" while sign-up is
 * by invitation; a signed-in person is sent to their workspace instead.
 */
function SignUpLink({ size = "lg", className }: { size?: "default" | "lg"; className?: string }) {
  const { user, status } = useAuth();
  const policy = useRegistrationPolicy();
  if (user) {
    return (
      <Button asChild size={size} className={className}>
        <Link to="/chat">Open your workspace</Link>
      </Button>
    );
  }
  // A placeholder of the button's size while the answer loads, so nothing around it moves.
  if (status === "loading" || !policy.data) {
    return <Skeleton aria-hidden="true" className={cn(size === "lg" ? "h-10 w-44" : "h-9 w-40", className)} />;
  }
  const waitlist = policy.data.waitlist_enabled;
  return (
    <Button asChild size={size} className={className}>
      <Link to={waitlist ? "/waitlist" : "/register"}>{waitlist ? "Join the waitlist" : "Create an account"}</Link>
    </Button>
  );
}

export { SignUpLink };
