import {
  CreateAccessTokenRequestSchema,
  TokenScopeSchema,
  type CreateAccessTokenRequest,
  type CreatedAccessToken,
  type TokenScope,
} from "@chat3d/shared";
import { PlusIcon } from "lucide-react";
import { useState } from "react";
import { CopyField } from "@/components/copy-field";
import { Field, useFieldControl } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";
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
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useCreateAccessToken } from "../api/access-tokens";
import { SCOPE_LABELS } from "./token-scopes";

const EXPIRY_CHOICES = [
  { days: "7", label: "In 7 days" },
  { days: "30", label: "In 30 days" },
  { days: "90", label: "In 90 days" },
  { days: "365", label: "In a year" },
  { days: "", label: "Never (until I revoke it)" },
];

function ScopeChoices({ isAdmin }: { isAdmin: boolean }) {
  const { field, messages } = useFieldControl<CreateAccessTokenRequest, "scopes">("scopes");
  const chosen = new Set(field.value);
  const offered = TokenScopeSchema.options.filter((s) => s !== "admin" || isAdmin);
  const toggle = (scope: TokenScope, on: boolean) =>
    field.onChange(on ? offered.filter((s) => s === scope || chosen.has(s)) : [...chosen].filter((s) => s !== scope));
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">What it may do</legend>
      {offered.map((scope) => (
        <div key={scope} className="flex items-start gap-2">
          <Checkbox
            id={`token-scope-${scope}`}
            className="mt-0.5"
            checked={chosen.has(scope)}
            onCheckedChange={(checked) => toggle(scope, checked === true)}
            aria-describedby={`token-scope-${scope}-description`}
          />
          <div className="grid gap-0.5">
            <Label htmlFor={`token-scope-${scope}`}>{SCOPE_LABELS[scope].label}</Label>
            <p id={`token-scope-${scope}-description`} className="text-xs text-muted-foreground">
              {SCOPE_LABELS[scope].description}
            </p>
          </div>
        </div>
      ))}
      {messages.map((message) => (
        <p key={message} className="text-sm text-destructive">
          {message}
        </p>
      ))}
    </fieldset>
  );
}

function CreatedSecret({ created }: { created: CreatedAccessToken }) {
  return (
    <div className="grid gap-3">
      <CopyField value={created.secret} label="Access token" />
      <p className="text-sm text-muted-foreground">
        This is the only time the token is shown: copy it into your script or agent now. Send it as{" "}
        <code className="text-xs">Authorization: Bearer …</code>; never put it in a URL.
      </p>
    </div>
  );
}

/** Makes a personal access token and shows its secret once. */
function CreateTokenDialog({ isAdmin }: { isAdmin: boolean }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedAccessToken | null>(null);
  const create = useCreateAccessToken();
  const form = useSchemaForm(CreateAccessTokenRequestSchema, {
    defaultValues: { name: "", scopes: ["read", "render"], expires_in_days: 30 },
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setCreated(null);
          form.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <PlusIcon aria-hidden="true" /> New token
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{created ? `Token ${created.token.name}` : "New access token"}</DialogTitle>
          <DialogDescription>
            For scripts, the CLI and agents (MCP). It acts as you, within the scopes you choose, and counts against your
            limits.
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <CreatedSecret created={created} />
        ) : (
          <Form
            form={form}
            aria-label="New access token"
            className="grid gap-4"
            onSubmit={async (values) => setCreated(await create.mutateAsync(values))}
          >
            <Field name="name" label="Name" description="Where it is used, e.g. “Claude Desktop on my laptop”.">
              <Input autoComplete="off" />
            </Field>
            <ScopeChoices isAdmin={isAdmin} />
            <Field
              name="expires_in_days"
              label="It expires"
              registerOptions={{ setValueAs: (text: string) => (text ? Number(text) : null) }}
            >
              <NativeSelect>
                {EXPIRY_CHOICES.map((choice) => (
                  <NativeSelectOption key={choice.days} value={choice.days}>
                    {choice.label}
                  </NativeSelectOption>
                ))}
              </NativeSelect>
            </Field>
            <FormAlert />
            <DialogFooter>
              <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
            </DialogFooter>
          </Form>
        )}
      </DialogContent>
    </Dialog>
  );
}

export { CreateTokenDialog };
