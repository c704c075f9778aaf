import { RegisterRequestSchema, type RegisterRequest } from "@chat3d/shared";
import { LockIcon } from "lucide-react";
import { useState } from "react";
import type * as React from "react";
import { Link } from "react-router";
import { EmailSent } from "@/components/email-sent";
import { Field } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { EmailInput } from "@/components/ui/email-input";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useRegister } from "../api/register";
import type { Invitation } from "../utils/invitation";
import { PasswordInput } from "@/components/ui/password-input";

const errorTitles = {
  forbidden: "Registration is by invitation",
  invalid_registration_token: "This invitation can't be used",
};

const errorActions = {
  forbidden: (
    <Link to="/waitlist" className="font-medium text-foreground underline underline-offset-4">
      Join the waitlist
    </Link>
  ),
  // A used link most often means the account was made with it already.
  invalid_registration_token: (
    <Link to="/login" className="font-medium text-foreground underline underline-offset-4">
      Sign in instead
    </Link>
  ),
};

/** An empty optional field is left out, as the schema expects, rather than sent as "". */
const optionalText = (text: string) => text.trim() || undefined;

/** The invitation's address: sent with the form, not editable. */
function LockedEmailInput(props: React.ComponentProps<typeof EmailInput>) {
  return (
    <div className="relative">
      <EmailInput readOnly className="bg-muted/60 pr-9 text-muted-foreground dark:bg-muted/60" {...props} />
      <LockIcon
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}

const SENT_TIPS = [
  "Open the link in the email to confirm your address. Until then you can sign in and chat, but not invite, share or export.",
  "No email after a few minutes? Look in your spam folder, or check the address you typed.",
];

/** Name, email and a new password; an invitation fixes the email and rides along as the registration token. */
function RegisterForm({ invitation }: { invitation: Invitation | null }) {
  const register = useRegister();
  // Open sign-up answers alike for a new and a taken address: what to do next, in place of the form.
  const [sent, setSent] = useState<string | null>(null);
  const lockedEmail = invitation?.email ?? null;
  const form = useSchemaForm(RegisterRequestSchema, {
    defaultValues: { display_name: undefined, email: lockedEmail ?? "", password: "" },
  });

  const onSubmit = async (values: RegisterRequest) => {
    const result = await register.mutateAsync({ ...values, registration_token: invitation?.token });
    if ("status" in result) setSent(result.message);
  };

  if (sent !== null) {
    return (
      <EmailSent message={sent} tips={SENT_TIPS}>
        <Button asChild size="lg">
          <Link to="/login">Sign in</Link>
        </Button>
      </EmailSent>
    );
  }

  return (
    <Form form={form} onSubmit={onSubmit} className="grid gap-5" aria-label="Create account">
      <FormAlert titles={errorTitles} actions={errorActions} />
      <Field
        name="display_name"
        label="Name"
        description="Optional. Shown to people you invite."
        registerOptions={{ setValueAs: optionalText }}
      >
        <Input autoComplete="name" maxLength={100} autoFocus={Boolean(lockedEmail)} />
      </Field>
      <Field
        name="email"
        label="Email"
        description={
          lockedEmail
            ? `Your ${invitation?.approved ? "approved request" : "invitation"} is for this address.`
            : undefined
        }
      >
        {lockedEmail ? <LockedEmailInput /> : <EmailInput required autoFocus />}
      </Field>
      <Field
        name="password"
        label="Password"
        description="At least 10 characters. Avoid common or repetitive passwords."
      >
        <PasswordInput autoComplete="new-password" required minLength={10} maxLength={128} />
      </Field>
      <SubmitButton size="lg" className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </Form>
  );
}

export { RegisterForm };
