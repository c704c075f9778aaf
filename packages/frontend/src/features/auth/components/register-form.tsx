import { RegisterRequestSchema } from "@chat3d/shared";
import { LockIcon } from "lucide-react";
import type * as React from "react";
import { Link } from "react-router";
import { ErrorAlert } from "@/components/error-alert";
import { EmailInput } from "@/components/ui/email-input";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useRegister } from "../api/register";
import { useFieldErrors } from "../hooks/use-field-errors";
import type { Invitation } from "../utils/invitation";
import { PasswordInput } from "./password-input";
import { SubmitButton } from "./submit-button";

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
};

const FIELDS = ["display_name", "email", "password"] as const;

function text(data: FormData, name: string) {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}

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

/** Name, email and a new password; an invitation fixes the email and rides along as the registration token. */
function RegisterForm({ invitation }: { invitation: Invitation | null }) {
  const register = useRegister();
  const { formRef, errors, clear: clearError, submit } = useFieldErrors(FIELDS);
  const lockedEmail = invitation?.email ?? null;

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const displayName = text(data, "display_name").trim();
    const parsed = RegisterRequestSchema.safeParse({
      email: lockedEmail ?? text(data, "email"),
      password: text(data, "password"),
      display_name: displayName || undefined,
      registration_token: invitation?.token,
    });
    submit(parsed, register.mutate);
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-5" aria-label="Create account">
      <ErrorAlert error={register.error} fields={FIELDS} titles={errorTitles} actions={errorActions} />
      <FormField label="Name" description="Optional. Shown to people you invite." error={errors.display_name}>
        <Input
          name="display_name"
          autoComplete="name"
          maxLength={100}
          autoFocus={Boolean(lockedEmail)}
          onChange={() => clearError("display_name")}
        />
      </FormField>
      <FormField
        label="Email"
        description={lockedEmail ? "Your invitation is for this address." : undefined}
        error={errors.email}
      >
        {lockedEmail ? (
          <LockedEmailInput value={lockedEmail} />
        ) : (
          <EmailInput required autoFocus onChange={() => clearError("email")} />
        )}
      </FormField>
      <FormField
        label="Password"
        description="At least 10 characters. Avoid common or repetitive passwords."
        error={errors.password}
      >
        <PasswordInput
          name="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={128}
          onChange={() => clearError("password")}
        />
      </FormField>
      <SubmitButton pending={register.isPending} pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </form>
  );
}

export { RegisterForm };
