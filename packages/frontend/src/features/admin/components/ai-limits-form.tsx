import { UserLimitsPatchSchema, type UserLimitsPatch } from "@chat3d/shared";
import type * as React from "react";
import { Field } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/** An empty box means "no number": no limit for the server, the server's defaults for one person. */
const numberOrNull = (text: unknown) => {
  if (typeof text === "number") return Number.isNaN(text) ? null : text;
  const trimmed = String(text ?? "").trim();
  return trimmed === "" ? null : Number(trimmed);
};

const limitsParse = {
  error: (issue: { code?: string; expected?: string }) =>
    issue.code === "invalid_type" && issue.expected === "int" ? "Enter a whole number." : undefined,
};

const limitFields = [
  { name: "daily_query_limit", label: "Questions a day", blank: "daily", inputMode: "numeric", step: 1 },
  { name: "monthly_cost_cap_usd", label: "Cost a month (USD)", blank: "monthly", inputMode: "decimal", step: 0.01 },
] as const;

type AiLimitsFormProps = {
  /** What the form shows at first; null is an empty box. */
  values: UserLimitsPatch;
  /** What an empty box means here: a word inside it, a sentence under it. */
  blank: { daily: string; monthly: string; placeholder: string };
  label: string;
  submitLabel: string;
  onSave: (limits: UserLimitsPatch) => Promise<unknown>;
  className?: string;
  /** Extra controls beside the submit button (a dialog's Cancel). */
  actions?: React.ReactNode;
};

/** The two AI limits, questions a day and cost a month, as one form used for the server and for a person. */
function AiLimitsForm({ values, blank, label, submitLabel, onSave, className, actions }: AiLimitsFormProps) {
  const form = useSchemaForm(UserLimitsPatchSchema, {
    parseOptions: limitsParse,
    values,
    resetOptions: { keepDirtyValues: true, keepErrors: true },
  });

  const onSubmit = async (limits: UserLimitsPatch) => {
    await onSave(limits);
    form.reset(limits);
  };

  return (
    <Form form={form} onSubmit={onSubmit} aria-label={label} className={cn("grid gap-5", className)}>
      <FormAlert />
      <div className="grid gap-5 sm:grid-cols-2">
        {limitFields.map((field) => (
          <Field
            key={field.name}
            name={field.name}
            label={field.label}
            description={blank[field.blank]}
            registerOptions={{ setValueAs: numberOrNull }}
          >
            <Input
              type="number"
              inputMode={field.inputMode}
              min={0}
              step={field.step}
              className="tabular-nums"
              placeholder={blank.placeholder}
            />
          </Field>
        ))}
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {actions}
        <SubmitButton disabled={!form.formState.isDirty} pendingLabel="Saving…">
          {submitLabel}
        </SubmitButton>
      </div>
    </Form>
  );
}

export { AiLimitsForm };
