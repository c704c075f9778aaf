import { DeleteAccountRequestSchema, DELETION_GRACE_DAYS } from "@chat3d/shared";
import { Trash2Icon } from "lucide-react";
import { useMemo, useState } from "react";
import { z } from "zod";
import { EmailSent } from "@/components/email-sent";
import { Field } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { PasswordInput } from "@/components/ui/password-input";
import { useRequestAccountDeletion } from "../api/request-account-deletion";

/** The typed confirmation: the account's own address, so a slip of the hand deletes nothing. */
function deleteSchema(email: string) {
  return DeleteAccountRequestSchema.extend({
    confirmation: z
      .string()
      .refine((typed) => typed.trim().toLowerCase() === email.toLowerCase(), `Type ${email} to confirm.`),
  });
}

/** Deletion in two steps: the password and the typed address here, then the link in the email. */
function DeleteAccountPanel({ email }: { email: string }) {
  const request = useRequestAccountDeletion();
  const [sent, setSent] = useState<string | null>(null);
  const schema = useMemo(() => deleteSchema(email), [email]);
  const form = useSchemaForm(schema, { defaultValues: { confirmation: "", current_password: "" } });

  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle>
          <h2>Delete your account</h2>
        </CardTitle>
        <CardDescription>
          Your account is deactivated at once and every device is signed out. After {DELETION_GRACE_DAYS} days it is
          deleted for good, with your chats, models, files, invitations and notifications. Until then you can reactivate
          it from the sign-in page. Export your data first if you want to keep a copy.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {sent !== null ? (
          <EmailSent
            message={sent}
            tips={["Nothing happens until you open the link in that email.", "The link works once, for an hour."]}
          />
        ) : (
          <Form
            form={form}
            onSubmit={async ({ current_password }) =>
              setSent((await request.mutateAsync({ current_password })).message)
            }
            className="grid gap-4"
            aria-label="Delete your account"
          >
            <FormAlert />
            <Field name="confirmation" label={`Type ${email} to confirm`}>
              <Input autoComplete="off" spellCheck={false} autoCapitalize="none" />
            </Field>
            <Field name="current_password" label="Current password">
              <PasswordInput autoComplete="current-password" required maxLength={128} />
            </Field>
            <SubmitButton variant="destructive" className="justify-self-start" pendingLabel="Sending link…">
              <Trash2Icon aria-hidden="true" />
              Email me a deletion link
            </SubmitButton>
          </Form>
        )}
      </CardContent>
    </Card>
  );
}

export { DeleteAccountPanel };
