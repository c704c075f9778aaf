import { CreateInvitationsRequestSchema, type CreateInvitationsResponse, type InvitationList } from "@chat3d/shared";
import { SendIcon } from "lucide-react";
import { useId, useState } from "react";
import type { FieldError } from "react-hook-form";
import { useFieldControl } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";
import { useCreateInvitations } from "../api/create-invitations";
import { MAX_INVITES, toChip, type AddressChip } from "../utils/parse-emails";
import { EmailChipsInput } from "./email-chips-input";
import { InviteResults } from "./invite-results";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

type InviteValues = { emails: string[] };

const validCount = (texts: readonly string[]) => texts.filter((text) => toChip(text).error === null).length;

/** The chips for what was typed, each carrying the message the server (or the schema) gave its position. */
function chipsOf(texts: readonly string[], error: FieldError | undefined): AddressChip[] {
  const items = error as unknown as Record<number, FieldError | undefined> | undefined;
  return texts.map((text, index) => {
    const chip = toChip(text);
    const message = items?.[index]?.message;
    return chip.error === null && message ? { key: chip.key, text, email: null, error: message } : chip;
  });
}

/** Why the form was not sent, in one sentence, or null. */
function formProblem(chips: readonly AddressChip[], error: FieldError | undefined): string | null {
  if (!error) return null;
  const invalid = chips.filter((chip) => chip.error !== null).length;
  if (invalid > 0) return `Fix or remove ${plural(invalid, "address", "addresses")} marked in red.`;
  if (chips.length > MAX_INVITES) {
    return `Invite at most ${MAX_INVITES} people at once. Remove ${chips.length - MAX_INVITES}.`;
  }
  return error.message ?? error.root?.message ?? null;
}

type InviteFormProps = { list: InvitationList; disabledReason: string | null };

type EmailsFieldProps = { disabled: boolean; disabledReason: string | null; remaining: number | null };

function EmailsField({ disabled, disabledReason, remaining }: EmailsFieldProps) {
  const { field, error } = useFieldControl<InviteValues, "emails">("emails");
  const id = useId();
  const inputId = `${id}-emails`;
  const descriptionId = `${id}-description`;
  const problemId = `${id}-problem`;
  const chips = chipsOf(field.value, error);
  const problem = formProblem(chips, error);

  return (
    <div className="grid gap-2">
      <div className="flex items-baseline justify-between gap-3">
        <Label htmlFor={inputId}>Email addresses</Label>
        <span
          className={cn(
            "text-xs text-muted-foreground tabular-nums",
            chips.length > MAX_INVITES && "font-medium text-destructive",
          )}
        >
          {chips.length} / {MAX_INVITES}
        </span>
      </div>
      <EmailChipsInput
        id={inputId}
        inputRef={field.ref}
        chips={chips}
        onChipsChange={(next) => field.onChange(next.map((chip) => chip.text))}
        disabled={disabled}
        invalid={problem !== null}
        describedBy={[descriptionId, problem ? problemId : null].filter(Boolean).join(" ")}
      />
      <p id={descriptionId} className="text-sm text-muted-foreground">
        {disabledReason ?? "Type or paste addresses separated by commas, spaces or new lines. Up to 20 at once."}
      </p>
      {problem && (
        <p id={problemId} className="text-sm text-destructive">
          {problem}
        </p>
      )}
      {remaining !== null && remaining > 0 && validCount(field.value) > remaining && (
        <p className="text-sm text-warning-foreground dark:text-warning">
          You have {plural(remaining, "invitation", "invitations")} left. Addresses beyond that won't be sent.
        </p>
      )}
    </div>
  );
}

/** Paste or type addresses, send, and see what became of each one. */
function InviteForm({ list, disabledReason }: InviteFormProps) {
  const create = useCreateInvitations();
  const [results, setResults] = useState<CreateInvitationsResponse["results"] | null>(null);
  const disabled = disabledReason !== null;
  const form = useSchemaForm(CreateInvitationsRequestSchema, { defaultValues: { emails: [] } });
  const valid = validCount(form.watch("emails"));

  const onSubmit = async ({ emails }: { emails: string[] }) => {
    setResults(null);
    const response = await create.mutateAsync(emails);
    setResults(response.results);
    form.reset({ emails: [] });
  };

  return (
    <Form form={form} onSubmit={onSubmit} aria-label="Invite people" className="grid gap-4">
      <EmailsField
        disabled={disabled || create.isPending}
        disabledReason={disabledReason}
        remaining={list.quota.remaining}
      />
      <FormAlert titles={{ forbidden: "Invitations are turned off" }} />
      <div>
        <SubmitButton disabled={disabled} icon={<SendIcon aria-hidden="true" />} pendingLabel="Sending…">
          {valid > 1 ? `Send ${valid} invitations` : "Send invitation"}
        </SubmitButton>
      </div>
      {results && <InviteResults results={results} onDismiss={() => setResults(null)} />}
    </Form>
  );
}

export { InviteForm };
