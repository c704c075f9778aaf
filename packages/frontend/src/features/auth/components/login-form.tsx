import { LoginRequestSchema } from "@chat3d/shared";
import { useWatch } from "react-hook-form";
import { Link } from "react-router";
import { EmailField } from "@/components/form/email-field";
import { Field } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { useLogin } from "../api/login";
import { PasswordInput } from "@/components/ui/password-input";
import { deletionDate, ReactivateOffer } from "./reactivate-form";
import { SessionEndedNotice } from "./session-ended-notice";

/** Email and password; on success the signed-in guard of the page sends the person on. */
function LoginForm() {
  const login = useLogin();
  const form = useSchemaForm(LoginRequestSchema, { defaultValues: { email: "", password: "" } });
  const email = useWatch({ control: form.control, name: "email" });

  return (
    <Form form={form} onSubmit={login.mutateAsync} className="grid gap-5" aria-label="Sign in">
      <SessionEndedNotice />
      <FormAlert
        titles={{
          invalid_credentials: "Couldn't sign you in",
          account_pending_deletion: "This account is waiting to be deleted",
        }}
        actions={{
          account_pending_deletion: <ReactivateOffer email={email.trim()} deletesAt={deletionDate(login.error)} />,
        }}
      />
      <EmailField autoFocus />
      <Field name="password" label="Password">
        <PasswordInput autoComplete="current-password" required />
      </Field>
      <p className="-mt-2 text-right text-sm">
        <Link to="/forgot-password" className="font-medium text-primary underline-offset-4 hover:underline">
          Forgot your password?
        </Link>
      </p>
      <SubmitButton size="lg" className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </Form>
  );
}

export { LoginForm };
