import { PasswordSchema, type AccountActionPreview } from "@chat3d/shared";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import { Field } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import type { useConfirmAccountAction } from "../api/confirm-account-action";
import { PasswordInput } from "@/components/ui/password-input";
import { PasswordRules } from "@/components/form/password-rules";

// The shared password rules, and the repeat that only the form asks for.
const NewPasswordSchema = z
  .object({ new_password: PasswordSchema, confirm_password: z.string() })
  .refine((values) => values.new_password === "" || values.confirm_password === values.new_password, {
    path: ["confirm_password"],
    message: "The passwords don't match.",
    // Said together with any rule the password breaks, not after it is fixed.
    when: () => true,
  });

type NewPasswordFormProps = {
  token: string;
  preview: AccountActionPreview;
  confirm: ReturnType<typeof useConfirmAccountAction>;
};

function LivePasswordRules() {
  return <PasswordRules password={useWatch<z.input<typeof NewPasswordSchema>>({ name: "new_password" })} />;
}

/** A new password, typed twice, for the account the reset link belongs to. */
function NewPasswordForm({ token, preview, confirm }: NewPasswordFormProps) {
  const form = useSchemaForm(NewPasswordSchema, { defaultValues: { new_password: "", confirm_password: "" } });

  return (
    <Form
      form={form}
      onSubmit={({ new_password }) => confirm.mutateAsync({ token, new_password })}
      className="grid gap-5"
      aria-label="Choose a new password"
    >
      {/* Tells password managers which account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={preview.email} readOnly hidden />
      <FormAlert />
      <Field name="new_password" label="New password" description={<LivePasswordRules />}>
        <PasswordInput autoComplete="new-password" required autoFocus maxLength={128} />
      </Field>
      <Field name="confirm_password" label="Confirm new password">
        <PasswordInput autoComplete="new-password" required maxLength={128} />
      </Field>
      <SubmitButton size="lg" className="w-full" pendingLabel="Changing password…">
        Change password
      </SubmitButton>
    </Form>
  );
}

export { NewPasswordForm };
