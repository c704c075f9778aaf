import { LoginRequestSchema } from "@chat3d/shared";
import type * as React from "react";
import { Link } from "react-router";
import { ErrorAlert } from "@/components/error-alert";
import { FormField } from "@/components/ui/form-field";
import { EmailInput } from "@/components/ui/email-input";
import { useLogin } from "../api/login";
import { useFieldErrors } from "../hooks/use-field-errors";
import { PasswordInput } from "./password-input";
import { SessionEndedNotice } from "./session-ended-notice";
import { SubmitButton } from "./submit-button";

const FIELDS = ["email", "password"] as const;

/** Email and password; on success the signed-in guard of the page sends the person on. */
function LoginForm() {
  const login = useLogin();
  const { formRef, errors, clear: clearError, submit } = useFieldErrors(FIELDS);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    submit(LoginRequestSchema.safeParse({ email: data.get("email"), password: data.get("password") }), login.mutate);
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-5" aria-label="Sign in">
      <SessionEndedNotice />
      <ErrorAlert error={login.error} fields={FIELDS} titles={{ invalid_credentials: "Couldn't sign you in" }} />
      <FormField label="Email" error={errors.email}>
        <EmailInput required autoFocus onChange={() => clearError("email")} />
      </FormField>
      <FormField label="Password" error={errors.password}>
        <PasswordInput
          name="password"
          autoComplete="current-password"
          required
          onChange={() => clearError("password")}
        />
      </FormField>
      <p className="-mt-2 text-right text-sm">
        <Link to="/forgot-password" className="font-medium text-primary underline-offset-4 hover:underline">
          Forgot your password?
        </Link>
      </p>
      <SubmitButton pending={login.isPending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}

export { LoginForm };
