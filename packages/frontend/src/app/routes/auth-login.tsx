import { useSearchParams } from "react-router";
import { useRegistrationPolicy } from "@/features/auth/api/get-registration-policy";
import { AuthCard, AuthFooterLink } from "@/features/auth/components/auth-card";
import { GuestOnly } from "@/features/auth/components/guards";
import { LoginForm } from "@/features/auth/components/login-form";

function SignUpLine({ next }: { next: string | null }) {
  const policy = useRegistrationPolicy();
  if (policy.data?.waitlist_enabled) {
    return (
      <>
        Registration is by invitation — <AuthFooterLink to="/waitlist">Join the waitlist</AuthFooterLink>
      </>
    );
  }
  return (
    <>
      New to Chat3D?{" "}
      <AuthFooterLink to={next ? `/register?next=${encodeURIComponent(next)}` : "/register"}>
        Create an account
      </AuthFooterLink>
    </>
  );
}

export function LoginRoute() {
  const [params] = useSearchParams();

  return (
    <GuestOnly>
      <AuthCard
        title="Sign in to Chat3D"
        description="Welcome back. Describe a part, get a CAD model."
        footer={<SignUpLine next={params.get("next")} />}
      >
        <LoginForm />
      </AuthCard>
    </GuestOnly>
  );
}
