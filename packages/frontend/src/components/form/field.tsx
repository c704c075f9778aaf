import { Slot as SlotPrimitive } from "radix-ui";
import type * as React from "react";
import {
  useController,
  useFormContext,
  type ControllerRenderProps,
  type FieldError,
  type FieldValues,
  type Path,
  type RegisterOptions,
} from "react-hook-form";
import { FormField } from "@/components/ui/form-field";
import { fieldMessages } from "./api-field-errors";

type FieldProps = Omit<React.ComponentProps<typeof FormField>, "error" | "children"> & {
  name: string;
  /** How the typed text becomes the value, e.g. `{ setValueAs: (text) => text.trim() || undefined }`. */
  registerOptions?: Pick<RegisterOptions, "setValueAs" | "valueAsNumber">;
  /** A native control (Input, EmailInput, PasswordInput …), registered under `name`. */
  children: React.ReactElement;
};

/** A FormField bound to the surrounding form: the control is registered, its messages shown and linked. */
function Field({ name, registerOptions, children, ...props }: FieldProps) {
  const form = useFormContext();
  const registered = form.register(name, {
    ...registerOptions,
    // A message stays until the person edits that field; the next submit checks again.
    onChange: () => form.clearErrors(name),
  });
  return (
    <FormField error={fieldMessages(form.getFieldState(name, form.formState).error)} {...props}>
      <SlotPrimitive.Slot {...registered}>{children}</SlotPrimitive.Slot>
    </FormField>
  );
}

/** For a control that is not a native input (a switch, a chips box): its value and messages, by name. */
type FieldControl<T extends FieldValues, N extends Path<T>> = {
  field: ControllerRenderProps<T, N>;
  messages: string[];
  error: FieldError | undefined;
};

function useFieldControl<T extends FieldValues, N extends Path<T> = Path<T>>(name: N): FieldControl<T, N> {
  const { field, fieldState } = useController<T, N>({ name });
  const { clearErrors } = useFormContext<T>();
  return {
    field: {
      ...field,
      onChange: (value) => {
        clearErrors(name);
        field.onChange(value);
      },
    },
    messages: fieldMessages(fieldState.error),
    error: fieldState.error,
  };
}

export { Field, useFieldControl };
