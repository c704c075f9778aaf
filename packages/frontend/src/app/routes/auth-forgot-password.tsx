import { AuthCard, AuthFooterLink } from "@/features/auth/components/auth-card";
import { ForgotPasswordForm } from "@/features/auth/components/forgot-password-form";
import { GuestOnly } from "@/features/auth/components/guards";

export function ForgotPasswordRoute() {
  return (
    <GuestOnly>
      <AuthCard
        title="Reset your password"
        description="Enter the email you sign in with and we'll send you a link to choose a new password."
        footer={
          <>
            Remembered it? <AuthFooterLink to="/login">Sign in</AuthFooterLink>
          </>
        }
      >
        <ForgotPasswordForm />
      </AuthCard>
    </GuestOnly>
  );
}
