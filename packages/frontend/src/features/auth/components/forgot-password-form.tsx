import { PasswordResetRequestSchema } from "@chat3d/shared";
import { CheckIcon, MailCheckIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type * as React from "react";
import { Link } from "react-router";
import { ErrorAlert } from "@/components/error-alert";
import { Button } from "@/components/ui/button";
import { EmailInput } from "@/components/ui/email-input";
import { FormField } from "@/components/ui/form-field";
import { useRequestPasswordReset } from "../api/request-password-reset";
import { useFieldErrors } from "../hooks/use-field-errors";
import { SubmitButton } from "./submit-button";

const FIELDS = ["email"] as const;

const TIPS = [
  "Open the link in the email to choose a new password. It works once, for a limited time.",
  "No email after a few minutes? Look in your spam folder, or check the address you typed.",
];

/** The same answer for every address: what to do next, in place of the form. */
function ResetLinkSent({ message, onReset }: { message: string; onReset: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <div className="grid gap-6">
      <div className="flex flex-col items-center gap-3 text-center">
        <span
          aria-hidden="true"
          className="flex size-12 items-center justify-center rounded-full bg-success/12 text-success"
        >
          <MailCheckIcon className="size-6" />
        </span>
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold tracking-tight outline-none">
          Check your inbox
        </h2>
        <p role="status" className="text-sm text-pretty text-muted-foreground">
          {message}
        </p>
      </div>
      <ul className="grid gap-2 text-sm text-muted-foreground">
        {TIPS.map((tip) => (
          <li key={tip} className="flex gap-2">
            <CheckIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
            {tip}
          </li>
        ))}
      </ul>
      <div className="grid gap-2">
        <Button asChild size="lg">
          <Link to="/login">Back to sign in</Link>
        </Button>
        <Button variant="outline" onClick={onReset}>
          Use a different email
        </Button>
      </div>
    </div>
  );
}

/** Asks for a reset link by email; the answer never says whether the address has an account. */
function ForgotPasswordForm() {
  const request = useRequestPasswordReset();
  const { formRef, errors, clear: clearError, submit } = useFieldErrors(FIELDS);
  const [sent, setSent] = useState<string | null>(null);

  if (sent !== null) {
    return (
      <ResetLinkSent
        message={sent}
        onReset={() => {
          request.reset();
          setSent(null);
        }}
      />
    );
  }

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    submit(PasswordResetRequestSchema.safeParse({ email: data.get("email") }), (input, options) =>
      request.mutate(input, { ...options, onSuccess: ({ message }) => setSent(message) }),
    );
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-5" aria-label="Reset your password">
      <ErrorAlert error={request.error} fields={FIELDS} />
      <FormField label="Email" error={errors.email}>
        <EmailInput required autoFocus onChange={() => clearError("email")} />
      </FormField>
      <SubmitButton pending={request.isPending} pendingLabel="Sending link…">
        Send reset link
      </SubmitButton>
    </form>
  );
}

export { ForgotPasswordForm };
