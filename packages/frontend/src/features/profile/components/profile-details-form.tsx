import { UpdateProfileRequestSchema, type User } from "@chat3d/shared";
import { toast } from "sonner";
import { Field } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Input } from "@/components/ui/input";
import { useUpdateProfile } from "../api/update-profile";

type ProfileDetailsFormProps = {
  user: User;
  /** Where the saved user goes (the signed-in user the whole app shows). */
  onSaved: (user: User) => void;
};

/** The name others see on invitations; empty clears it. */
function ProfileDetailsForm({ user, onSaved }: ProfileDetailsFormProps) {
  const update = useUpdateProfile();
  const form = useSchemaForm(UpdateProfileRequestSchema, {
    defaultValues: { display_name: user.display_name ?? "" },
  });

  const onSubmit = async (values: { display_name: string | null }) => {
    const { user: saved } = await update.mutateAsync(values);
    onSaved(saved);
    form.reset({ display_name: saved.display_name ?? "" });
    toast.success(saved.display_name ? "Name saved" : "Name cleared");
  };

  return (
    <Form form={form} onSubmit={onSubmit} className="grid gap-4" aria-label="Your name">
      <FormAlert />
      <Field
        name="display_name"
        label="Display name"
        description="Shown to the people you invite. Leave it empty to use your email address."
        registerOptions={{ setValueAs: (text: string) => text.trim() || null }}
      >
        <Input autoComplete="name" maxLength={100} />
      </Field>
      <SubmitButton className="justify-self-start" pendingLabel="Saving…">
        Save name
      </SubmitButton>
    </Form>
  );
}

export { ProfileDetailsForm };
