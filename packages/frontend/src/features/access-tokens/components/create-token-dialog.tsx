import {
  CreateAccessTokenRequestSchema,
  TokenScopeSchema,
  type CreateAccessTokenRequest,
  type CreatedAccessToken,
  type TokenScope,
} from "@chat3d/shared";
import { PlusIcon } from "lucide-react";
import { CopyField } from "@/components/copy-field";
import { CheckboxGroupField, CreateDialog, CreateDialogFooter, ExpiryField } from "@/components/form/create-dialog";
import { Field } from "@/components/form/field";
import { Form } from "@/components/form/form";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useCreateAccessToken } from "../api/access-tokens";
import { SCOPE_LABELS } from "./token-scopes";

const EXPIRY_CHOICES = [
  { days: "7", label: "In 7 days" },
  { days: "30", label: "In 30 days" },
  { days: "90", label: "In 90 days" },
  { days: "365", label: "In a year" },
  { days: "", label: "Never (until I revoke it)" },
];

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
  const create = useCreateAccessToken();
  const form = useSchemaForm(CreateAccessTokenRequestSchema, {
    defaultValues: { name: "", scopes: ["read", "render"], expires_in_days: 30 },
  });
  const scopes = TokenScopeSchema.options.filter((s) => s !== "admin" || isAdmin);
  return (
    <CreateDialog<CreatedAccessToken>
      trigger={
        <Button size="sm">
          <PlusIcon aria-hidden="true" /> New token
        </Button>
      }
      title={(created) => (created ? `Token ${created.token.name}` : "New access token")}
      description="For scripts, the CLI and agents (MCP). It acts as you, within the scopes you choose, and counts against your limits."
      result={(created) => <CreatedSecret created={created} />}
      onClosed={() => form.reset()}
    >
      {(show) => (
        <Form
          form={form}
          aria-label="New access token"
          className="grid gap-4"
          onSubmit={async (values) => show(await create.mutateAsync(values))}
        >
          <Field name="name" label="Name" description="Where it is used, e.g. “Claude Desktop on my laptop”.">
            <Input autoComplete="off" />
          </Field>
          <CheckboxGroupField<CreateAccessTokenRequest, TokenScope>
            name="scopes"
            legend="What it may do"
            options={scopes}
            idPrefix="token-scope"
            labelOf={(scope) => SCOPE_LABELS[scope].label}
            descriptionOf={(scope) => SCOPE_LABELS[scope].description}
            layout="column"
          />
          <ExpiryField name="expires_in_days" label="It expires" choices={EXPIRY_CHOICES} />
          <CreateDialogFooter label="Create token" />
        </Form>
      )}
    </CreateDialog>
  );
}

export { CreateTokenDialog };
