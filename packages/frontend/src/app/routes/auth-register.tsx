import { useRegistrationPolicy } from "@/features/auth/api/get-registration-policy";
import { AuthCard, AuthFooterLink } from "@/features/auth/components/auth-card";
import { GuestOnly } from "@/features/auth/components/guards";
import { InvitationOnlyNotice } from "@/features/auth/components/invitation-only-notice";
import { RegisterForm } from "@/features/auth/components/register-form";
import { useInvitation } from "@/features/auth/hooks/use-invitation";
import type { Invitation } from "@/features/auth/utils/invitation";

function heading(invitation: Invitation | null) {
  if (invitation?.approved)
    return {
      title: "Your request was approved",
      description: "Your place on Chat3D is ready. Choose a password to create your account.",
    };
  if (invitation)
    return {
      title: "Accept your invitation",
      description: "You're invited to Chat3D. Choose a password to finish setting up your account.",
    };
  return { title: "Create your account", description: "Describe a part in plain words and get a CAD model back." };
}

function RegisterPage() {
  const invitation = useInvitation();
  const policy = useRegistrationPolicy();
  const invitationOnly = !invitation && policy.data?.waitlist_enabled === true;

  return (
    <AuthCard
      {...heading(invitation)}
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
