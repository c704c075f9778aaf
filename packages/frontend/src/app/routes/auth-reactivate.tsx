import { AuthCard, AuthFooterLink } from "@/features/auth/components/auth-card";
import { GuestOnly } from "@/features/auth/components/guards";
import { ReactivateForm } from "@/features/auth/components/reactivate-form";

export function ReactivateRoute() {
  return (
    <GuestOnly>
      <AuthCard
        title="Reactivate your account"
        description="Deleted your account less than 30 days ago? Enter its email and we'll send a link that cancels the deletion."
        footer={
          <>
            Account still active? <AuthFooterLink to="/login">Sign in</AuthFooterLink>
          </>
        }
      >
        <ReactivateForm />
      </AuthCard>
    </GuestOnly>
  );
}
