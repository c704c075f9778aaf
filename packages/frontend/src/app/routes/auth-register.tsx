import { useRegistrationPolicy } from "@/features/auth/api/get-registration-policy";
import { AuthCard, AuthFooterLink } from "@/features/auth/components/auth-card";
import { GuestOnly } from "@/features/auth/components/guards";
import { InvitationOnlyNotice } from "@/features/auth/components/invitation-only-notice";
import { RegisterForm } from "@/features/auth/components/register-form";
import { useInvitation } from "@/features/auth/hooks/use-invitation";

function RegisterPage() {
  const invitation = useInvitation();
  const policy = useRegistrationPolicy();
  const invitationOnly = !invitation && policy.data?.waitlist_enabled === true;

  return (
    <AuthCard
      title={invitation ? "Accept your invitation" : "Create your account"}
      description={
        invitation
          ? "You're invited to Chat3D. Choose a password to finish setting up your account."
          : "Describe a part in plain words and get a CAD model back."
      }
      footer={
        <>
          Already have an account? <AuthFooterLink to="/login">Sign in</AuthFooterLink>
        </>
      }
    >
      {invitationOnly ? <InvitationOnlyNotice /> : <RegisterForm invitation={invitation} />}
    </AuthCard>
  );
}

export function RegisterRoute() {
  return (
    <GuestOnly>
      <RegisterPage />
    </GuestOnly>
  );
}
