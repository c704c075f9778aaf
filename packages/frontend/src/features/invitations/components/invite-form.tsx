import type { CreateInvitationsResponse, InvitationList } from "@chat3d/shared";
import { SendIcon } from "lucide-react";
import { useId, useState } from "react";
import type * as React from "react";
import { ErrorAlert } from "@/components/error-alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { ApiClientError } from "@/lib/api-client";
import { cn } from "@/lib/utils";
import { useCreateInvitations } from "../api/create-invitations";
import { MAX_INVITES, type AddressChip } from "../utils/parse-emails";
import { EmailChipsInput } from "./email-chips-input";
import { InviteResults } from "./invite-results";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Why the form cannot be sent as it is, or null. */
function formProblem(chips: readonly AddressChip[]): string | null {
  if (chips.length === 0) return "Enter at least one email address.";
  const invalid = chips.filter((chip) => chip.error !== null).length;
  if (invalid > 0) return `Fix or remove ${plural(invalid, "address", "addresses")} marked in red.`;
  if (chips.length > MAX_INVITES) {
    return `Invite at most ${MAX_INVITES} people at once. Remove ${chips.length - MAX_INVITES}.`;
  }
  return null;
}

/** The server's messages for `emails.N` put back on the chips that were sent in that order. */
function withServerErrors(chips: readonly AddressChip[], sent: readonly string[], error: ApiClientError) {
  const messages = new Map<string, string>();
  for (const [field, list] of Object.entries(error.fieldErrors)) {
    const email = sent[Number(field.split(".")[1])];
    if (field.startsWith("emails.") && email && list[0]) messages.set(email, list[0]);
  }
  return chips.map((chip): AddressChip => {
    const message = chip.email && messages.get(chip.email);
    return message ? { key: chip.key, text: chip.text, email: null, error: message } : chip;
  });
}

type InviteFormProps = { list: InvitationList; disabledReason: string | null };

/** Paste or type addresses, send, and see what became of each one. */
function InviteForm({ list, disabledReason }: InviteFormProps) {
  const create = useCreateInvitations();
  const [chips, setChips] = useState<AddressChip[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [results, setResults] = useState<CreateInvitationsResponse["results"] | null>(null);
  const id = useId();
  const inputId = `${id}-emails`;
  const disabled = disabledReason !== null;

  const remaining = list.quota.remaining;
  const valid = chips.filter((chip) => chip.error === null).length;
  const overQuota = remaining !== null && valid > remaining && remaining > 0;

  const onChipsChange = (next: AddressChip[]) => {
    setChips(next);
    if (problem) setProblem(null);
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = formProblem(chips);
    if (found) {
      setProblem(found);
      document.getElementById(inputId)?.focus();
      return;
    }
    const emails = chips.map((chip) => chip.email!);
    setResults(null);
    create.mutate(emails, {
      onSuccess: (response) => {
        setResults(response.results);
        setChips([]);
      },
      onError: (error) => {
        if (error instanceof ApiClientError && error.status === 400) setChips(withServerErrors(chips, emails, error));
      },
    });
  };

  const descriptionId = `${id}-description`;
  const problemId = `${id}-problem`;
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Invite people" className="grid gap-4">
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
          chips={chips}
          onChipsChange={onChipsChange}
          disabled={disabled || create.isPending}
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
        {overQuota && (
          <p className="text-sm text-warning-foreground dark:text-warning">
            You have {plural(remaining, "invitation", "invitations")} left. Addresses beyond that won't be sent.
          </p>
        )}
      </div>
      <ErrorAlert error={create.error} titles={{ forbidden: "Invitations are turned off" }} />
      <div>
        <Button type="submit" disabled={disabled || create.isPending} aria-busy={create.isPending}>
          {create.isPending ? <Spinner aria-hidden="true" /> : <SendIcon aria-hidden="true" />}
          {create.isPending ? "Sending…" : valid > 1 ? `Send ${valid} invitations` : "Send invitation"}
        </Button>
      </div>
      {results && <InviteResults results={results} onDismiss={() => setResults(null)} />}
    </form>
  );
}

export { InviteForm };
