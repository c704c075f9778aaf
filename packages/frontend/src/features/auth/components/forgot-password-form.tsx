import { PasswordResetRequestSchema, type PasswordResetRequest } from "@chat3d/shared";
import { CheckIcon, MailCheckIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { EmailField } from "@/components/form/email-field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";
import { useRequestPasswordReset } from "../api/request-password-reset";

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

function RequestForm({ onSent }: { onSent: (message: string) => void }) {
  const request = useRequestPasswordReset();
  const form = useSchemaForm(PasswordResetRequestSchema, { defaultValues: { email: "" } });

  const onSubmit = async (values: PasswordResetRequest) => onSent((await request.mutateAsync(values)).message);

  return (
    <Form form={form} onSubmit={onSubmit} className="grid gap-5" aria-label="Reset your password">
      <FormAlert />
      <EmailField autoFocus />
      <SubmitButton size="lg" className="w-full" pendingLabel="Sending link…">
        Send reset link
      </SubmitButton>
    </Form>
  );
}

/** Asks for a reset link by email; the answer never says whether the address has an account. */
function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  if (sent !== null) return <ResetLinkSent message={sent} onReset={() => setSent(null)} />;
  return <RequestForm onSent={setSent} />;
}

export { ForgotPasswordForm };
