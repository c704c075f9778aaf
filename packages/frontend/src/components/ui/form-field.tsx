import { Slot as SlotPrimitive } from "radix-ui";
import { useId } from "react";
import type * as React from "react";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

type FormFieldProps = Omit<React.ComponentProps<"div">, "children"> & {
  label: React.ReactNode;
  description?: React.ReactNode;
  /** Messages from client validation or an ApiClientError's fieldErrors; any message marks the control invalid. */
  error?: string | readonly string[] | undefined;
  /** Id for the control; generated when absent so the label always points at it. */
  controlId?: string;
  /** One form control (Input, Switch, a Radix trigger …); it receives id and the aria wiring. */
  children: React.ReactElement;
};

function FormField({ label, description, error, controlId, className, children, ...props }: FormFieldProps) {
  const generatedId = useId();
  const id = controlId ?? `${generatedId}-control`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const errors = error === undefined ? [] : typeof error === "string" ? [error] : error;
  const invalid = errors.length > 0;
  const describedBy = [description ? descriptionId : null, invalid ? errorId : null].filter(Boolean).join(" ");

  return (
    <div
      data-slot="form-field"
      data-invalid={invalid || undefined}
      className={cn("group/form-field grid gap-2", className)}
      {...props}
    >
      <Label htmlFor={id} className="group-data-[invalid]/form-field:text-destructive">
        {label}
      </Label>
      <SlotPrimitive.Slot id={id} aria-describedby={describedBy || undefined} aria-invalid={invalid || undefined}>
        {children}
      </SlotPrimitive.Slot>
      {description && (
        <p id={descriptionId} data-slot="form-field-description" className="text-sm text-muted-foreground">
          {description}
        </p>
      )}
      {invalid && (
        <div id={errorId} data-slot="form-field-error" className="text-sm text-destructive">
          {errors.length === 1 ? (
            <p>{errors[0]}</p>
          ) : (
            <ul className="ml-4 list-disc">
              {errors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export { FormField };
