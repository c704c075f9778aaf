import type * as React from "react";
import { EmailInput } from "@/components/ui/email-input";
import { Field } from "./field";

type EmailFieldProps = Omit<React.ComponentProps<typeof EmailInput>, "name"> & {
  /** The form field's name; "email" in every form so far. */
  name?: string;
};

/** The form's email address field: labelled "Email", required, as browsers and phones expect an email field. */
function EmailField({ name = "email", ...props }: EmailFieldProps) {
  return (
    <Field name={name} label="Email">
      <EmailInput required {...props} />
    </Field>
  );
}

export { EmailField };
