import type * as React from "react";
import { useFormState } from "react-hook-form";
import { PendingButton } from "@/components/ui/pending-button";

type SubmitButtonProps = Omit<React.ComponentProps<typeof PendingButton>, "type" | "pending"> & {
  /** Overrides the form's own pending state (its submit promise), e.g. for a mutation started elsewhere. */
  pending?: boolean;
};

/** The submit button of a `Form`: pending, with its label, while the form's submit runs. */
function SubmitButton({ pending, ...props }: SubmitButtonProps) {
  const { isSubmitting } = useFormState();
  return <PendingButton type="submit" pending={pending ?? isSubmitting} {...props} />;
}

export { SubmitButton };
