import { ConfirmAccountActionRequestSchema, type AccountActionPreview } from "@chat3d/shared";
import { useState } from "react";
import type * as React from "react";
import { ErrorAlert } from "@/components/error-alert";
import { FormField } from "@/components/ui/form-field";
import type { useConfirmAccountAction } from "../api/confirm-account-action";
import { useFieldErrors } from "../hooks/use-field-errors";
import { PasswordInput } from "./password-input";
import { PasswordRules } from "./password-rules";
import { SubmitButton } from "./submit-button";

const FIELDS = ["new_password", "confirm_password"] as const;

type NewPasswordFormProps = {
  token: string;
  preview: AccountActionPreview;
  confirm: ReturnType<typeof useConfirmAccountAction>;
};

/** A new password, typed twice, for the account the reset link belongs to. */
function NewPasswordForm({ token, preview, confirm }: NewPasswordFormProps) {
  const { formRef, errors, clear: clearError, submit } = useFieldErrors(FIELDS);
  const [password, setPassword] = useState("");

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const repeated = new FormData(event.currentTarget).get("confirm_password");
    const parsed = ConfirmAccountActionRequestSchema.safeParse({ token, new_password: password });
    const mismatch =
      password !== "" && repeated !== password
        ? [{ path: ["confirm_password"], message: "The passwords don't match." }]
        : [];
    if (parsed.success && mismatch.length === 0) return submit(parsed, confirm.mutate);
    submit({ success: false, error: { issues: [...(parsed.error?.issues ?? []), ...mismatch] } }, confirm.mutate);
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-5" aria-label="Choose a new password">
      {/* Tells password managers which account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={preview.email} readOnly hidden />
      <ErrorAlert error={confirm.error} fields={FIELDS} />
      <FormField label="New password" description={<PasswordRules password={password} />} error={errors.new_password}>
        <PasswordInput
          name="new_password"
          autoComplete="new-password"
          required
          autoFocus
          maxLength={128}
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
            clearError("new_password");
          }}
        />
      </FormField>
      <FormField label="Confirm new password" error={errors.confirm_password}>
        <PasswordInput
          name="confirm_password"
          autoComplete="new-password"
          required
          maxLength={128}
          onChange={() => clearError("confirm_password")}
        />
      </FormField>
      <SubmitButton pending={confirm.isPending} pendingLabel="Changing password…">
        Change password
      </SubmitButton>
    </form>
  );
}

export { NewPasswordForm };
