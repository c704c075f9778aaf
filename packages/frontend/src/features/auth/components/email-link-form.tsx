import { PasswordResetRequestSchema, type PasswordResetRequest } from "@chat3d/shared";
import { useState } from "react";
import { Link } from "react-router";
import { EmailSent } from "@/components/email-sent";
import { EmailField } from "@/components/form/email-field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";

type EmailLinkFormProps = {
  /** The form's accessible name. */
  label: string;
  submitLabel: string;
  tips: readonly string[];
  /** Asks the server for the link; its answer is the same for every address. */
  send: (values: PasswordResetRequest) => Promise<{ message: string }>;
};

/** Signed out, an email address in exchange for a link: then what to do next, in place of the form. */
function EmailLinkForm({ label, submitLabel, tips, send }: EmailLinkFormProps) {
  const [sent, setSent] = useState<string | null>(null);
  // Every such form sends one normalised address, as the password reset does.
  const form = useSchemaForm(PasswordResetRequestSchema, { defaultValues: { email: "" } });

  if (sent !== null) {
    return (
      <EmailSent message={sent} tips={tips}>
        <Button asChild size="lg">
          <Link to="/login">Back to sign in</Link>
        </Button>
        <Button variant="outline" onClick={() => setSent(null)}>
          Use a different email
        </Button>
      </EmailSent>
    );
  }
  return (
    <Form
      form={form}
      onSubmit={async (values) => setSent((await send(values)).message)}
      className="grid gap-5"
      aria-label={label}
    >
      <FormAlert />
      <EmailField autoFocus />
      <SubmitButton size="lg" className="w-full" pendingLabel="Sending link…">
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}

export { EmailLinkForm };
