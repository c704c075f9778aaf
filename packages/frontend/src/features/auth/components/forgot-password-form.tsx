import { useRequestPasswordReset } from "../api/request-password-reset";
import { EmailLinkForm } from "./email-link-form";

const TIPS = [
  "Open the link in the email to choose a new password. It works once, for a limited time.",
  "No email after a few minutes? Look in your spam folder, or check the address you typed.",
];

/** Asks for a reset link by email; the answer never says whether the address has an account. */
function ForgotPasswordForm() {
  const request = useRequestPasswordReset();
  return (
    <EmailLinkForm label="Reset your password" submitLabel="Send reset link" tips={TIPS} send={request.mutateAsync} />
  );
}

export { ForgotPasswordForm };
