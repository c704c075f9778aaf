import { createContext, use, useState } from "react";
import type * as React from "react";
import { FormProvider, type FieldValues, type UseFormReturn } from "react-hook-form";
import { ErrorAlert } from "@/components/error-alert";
import { applyApiFieldErrors } from "./api-field-errors";

const SubmitErrorContext = createContext<unknown>(null);

type FormProps<TInput extends FieldValues, TOutput> = Omit<React.ComponentProps<"form">, "onSubmit" | "onError"> & {
  form: UseFormReturn<TInput, unknown, TOutput>;
  /** Sends the checked values; a rejection with field details lands on the fields, anything else on `FormAlert`. */
  onSubmit: (values: TOutput) => Promise<unknown>;
  /** Called instead of showing `FormAlert` for an error that belongs to no field (a toast, say). */
  onError?: (error: unknown) => void;
};

/**
 * A form of the one form layer: `useSchemaForm` validates before sending, `onSubmit` sends (pending state
 * for `SubmitButton` while its promise runs), and an API error is mapped onto the fields by `applyApiFieldErrors`.
 */
function Form<TInput extends FieldValues, TOutput>({
  form,
  onSubmit,
  onError,
  children,
  ...props
}: FormProps<TInput, TOutput>) {
  const [submitError, setSubmitError] = useState<unknown>(null);

  const submit = form.handleSubmit(async (values) => {
    setSubmitError(null);
    try {
      await onSubmit(values);
    } catch (error) {
      if (applyApiFieldErrors(form, error)) return;
      if (onError) onError(error);
      else setSubmitError(error);
    }
  });

  return (
    <FormProvider {...form}>
      <SubmitErrorContext value={submitError}>
        <form noValidate onSubmit={(event) => void submit(event)} {...props}>
          {children}
        </form>
      </SubmitErrorContext>
    </FormProvider>
  );
}

/** The last submit's error that belongs to no field, as an alert; nothing otherwise. */
function FormAlert(props: Omit<React.ComponentProps<typeof ErrorAlert>, "error">) {
  return <ErrorAlert error={use(SubmitErrorContext)} {...props} />;
}

export { Form, FormAlert };
