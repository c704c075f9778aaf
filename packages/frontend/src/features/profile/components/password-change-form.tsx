import { ChangePasswordRequestSchema } from "@chat3d/shared";
import { useWatch } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Field } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { PasswordRules } from "@/components/form/password-rules";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { PasswordInput } from "@/components/ui/password-input";
import { useChangePassword } from "../api/change-password";

// The shared request, and the repeat only the form asks for.
const PasswordChangeSchema = ChangePasswordRequestSchema.extend({ confirm_password: z.string() }).refine(
  (values) => values.new_password === "" || values.confirm_password === values.new_password,
  { path: ["confirm_password"], message: "The passwords don't match.", when: () => true },
);
type PasswordChangeValues = z.input<typeof PasswordChangeSchema>;

function LiveRules() {
  return <PasswordRules password={useWatch<PasswordChangeValues>({ name: "new_password" })} />;
}

/** The current password, then a new one twice; every other device is signed out. */
function PasswordChangeForm({ email }: { email: string }) {
  const change = useChangePassword();
  const form = useSchemaForm(PasswordChangeSchema, {
    defaultValues: { current_password: "", new_password: "", confirm_password: "" },
  });

  const onSubmit = async ({ current_password, new_password }: z.output<typeof PasswordChangeSchema>) => {
    const { revoked } = await change.mutateAsync({ current_password, new_password });
    form.reset();
    toast.success("Password changed", {
      description:
        revoked === 0
          ? "No other device was signed in."
          : `${revoked === 1 ? "One other device was" : `${revoked} other devices were`} signed out.`,
    });
  };

  return (
    <Form form={form} onSubmit={onSubmit} className="grid gap-4" aria-label="Change your password">
      {/* Tells password managers which account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormAlert />
      <Field name="current_password" label="Current password">
        <PasswordInput autoComplete="current-password" required maxLength={128} />
      </Field>
      <Field name="new_password" label="New password" description={<LiveRules />}>
        <PasswordInput autoComplete="new-password" required maxLength={128} />
      </Field>
      <Field name="confirm_password" label="Confirm new password">
        <PasswordInput autoComplete="new-password" required maxLength={128} />
      </Field>
      <SubmitButton className="justify-self-start" pendingLabel="Changing password…">
        Change password
      </SubmitButton>
    </Form>
  );
}

export { PasswordChangeForm };
