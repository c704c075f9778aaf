import { useState, type ReactNode } from "react";
import type { FieldValues, Path } from "react-hook-form";
import { Field, useFieldControl } from "@/components/form/field";
import { FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";

/**
 * A dialog that makes something and then shows what was made once (a link, a token's secret): `children`
 * renders the form, given where to put the result; closing forgets both, so the next open starts afresh.
 */
function CreateDialog<R>({
  trigger,
  title,
  description,
  result,
  onClosed,
  children,
}: {
  trigger: ReactNode;
  title: (created: R | null) => string;
  description: ReactNode;
  result: (created: R) => ReactNode;
  onClosed: () => void;
  children: (show: (created: R) => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<R | null>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setCreated(null);
          onClosed();
        }
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title(created)}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {created ? result(created) : children(setCreated)}
      </DialogContent>
    </Dialog>
  );
}

/** The form's end: what went wrong, and the submit button. */
function CreateDialogFooter({ label }: { label: string }) {
  return (
    <>
      <FormAlert />
      <DialogFooter>
        <SubmitButton pendingLabel="Creating…">{label}</SubmitButton>
      </DialogFooter>
    </>
  );
}

/** When something stops working, as days from now; the empty choice (null) is "never". */
function ExpiryField({
  name,
  label,
  choices,
}: {
  name: string;
  label: string;
  choices: { days: string; label: string }[];
}) {
  return (
    <Field name={name} label={label} registerOptions={{ setValueAs: (text: string) => (text ? Number(text) : null) }}>
      <NativeSelect>
        {choices.map((choice) => (
          <NativeSelectOption key={choice.days} value={choice.days}>
            {choice.label}
          </NativeSelectOption>
        ))}
      </NativeSelect>
    </Field>
  );
}

/** A set of choices stored as an array field, one checkbox each, in the order offered. */
function CheckboxGroupField<T extends FieldValues, V extends string>({
  name,
  legend,
  options,
  idPrefix,
  labelOf,
  descriptionOf,
  layout = "row",
}: {
  name: Path<T>;
  legend: string;
  options: readonly V[];
  idPrefix: string;
  labelOf: (option: V) => string;
  descriptionOf?: (option: V) => string;
  layout?: "row" | "column";
}) {
  const { field, messages } = useFieldControl<T>(name);
  const chosen = new Set<V>((field.value as V[] | undefined) ?? []);
  const toggle = (option: V, on: boolean) =>
    field.onChange(on ? options.filter((o) => o === option || chosen.has(o)) : [...chosen].filter((o) => o !== option));
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      <div className={layout === "row" ? "flex flex-wrap gap-x-4 gap-y-2" : "grid gap-2"}>
        {options.map((option) => {
          const id = `${idPrefix}-${option}`;
          const description = descriptionOf?.(option);
          return (
            <div key={option} className="flex items-start gap-2">
              <Checkbox
                id={id}
                className="mt-0.5"
                checked={chosen.has(option)}
                onCheckedChange={(checked) => toggle(option, checked === true)}
                aria-describedby={description ? `${id}-description` : undefined}
              />
              <div className="grid gap-0.5">
                <Label htmlFor={id} className={description ? undefined : "font-normal"}>
                  {labelOf(option)}
                </Label>
                {description && (
                  <p id={`${id}-description`} className="text-xs text-muted-foreground">
                    {description}
                  </p>
                )}
              </div>
            </div>
          );
        })}
      </div>
      {messages.map((message) => (
        <p key={message} className="text-sm text-destructive">
          {message}
        </p>
      ))}
    </fieldset>
  );
}

export { CheckboxGroupField, CreateDialog, CreateDialogFooter, ExpiryField };
