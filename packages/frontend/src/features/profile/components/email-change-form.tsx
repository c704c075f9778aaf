import { EmailChangeRequestSchema, type EmailChangeRequest } from "@chat3d/shared";
import { useState } from "react";
import { EmailSent } from "@/components/email-sent";
import { Field } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";
import { EmailInput } from "@/components/ui/email-input";
import { PasswordInput } from "@/components/ui/password-input";
import { useRequestEmailChange } from "../api/request-email-change";

const TIPS = [
  "Open the link at the new address to finish: until then you keep signing in with your current one.",
  "We'll tell your current address once it's done, with a way to undo it.",
];

/** A new address, confirmed there before the account moves; the current password first. */
function EmailChangeForm({ currentEmail }: { currentEmail: string }) {
  const request = useRequestEmailChange();
  const [sent, setSent] = useState<string | null>(null);
  const form = useSchemaForm(EmailChangeRequestSchema, { defaultValues: { new_email: "", current_password: "" } });

  if (sent !== null) {
    return (
      <EmailSent message={sent} tips={TIPS}>
        <Button
          variant="outline"
          className="justify-self-center"
          onClick={() => {
            form.reset();
            setSent(null);
          }}
        >
          Use a different address
        </Button>
      </EmailSent>
    );
  }
  const onSubmit = async (values: EmailChangeRequest) => setSent((await request.mutateAsync(values)).message);
  return (
    <Form form={form} onSubmit={onSubmit} className="grid gap-4" aria-label="Change your email address">
      <FormAlert />
      <p className="text-sm text-muted-foreground">
        You sign in with <span className="font-medium break-all text-foreground">{currentEmail}</span>.
      </p>
      <Field name="new_email" label="New email address">
        <EmailInput required autoComplete="email" />
      </Field>
      <Field name="current_password" label="Current password">
        <PasswordInput autoComplete="current-password" required maxLength={128} />
      </Field>
      <SubmitButton className="justify-self-start" pendingLabel="Sending link…">
        Send confirmation link
      </SubmitButton>
    </Form>
  );
}

export { EmailChangeForm };
