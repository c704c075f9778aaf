import { useSearchParams } from "react-router";
import { AuthCard, AuthFooterLink } from "@/features/auth/components/auth-card";
import { GuestOnly } from "@/features/auth/components/guards";
import { LoginForm } from "@/features/auth/components/login-form";

export function LoginRoute() {
  const [params] = useSearchParams();
  const next = params.get("next");

  return (
    <GuestOnly>
      <AuthCard
        title="Sign in to Chat3D"
        description="Welcome back. Describe a part, get a CAD model."
        footer={
          <>
            New to Chat3D?{" "}
            <AuthFooterLink to={next ? `/register?next=${encodeURIComponent(next)}` : "/register"}>
              Create an account
            </AuthFooterLink>
          </>
        }
      >
        <LoginForm />
      </AuthCard>
    </GuestOnly>
  );
}
