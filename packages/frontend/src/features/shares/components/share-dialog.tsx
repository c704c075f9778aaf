import {
  CreateShareRequestSchema,
  FORMAT_LABELS,
  type CreatedShare,
  type CreateShareRequest,
  type ModelFormat,
  type Version,
} from "@chat3d/shared";
import { ExternalLinkIcon, Share2Icon } from "lucide-react";
import { Link } from "react-router";
import { CopyField } from "@/components/copy-field";
import { CheckboxGroupField, CreateDialog, CreateDialogFooter, ExpiryField } from "@/components/form/create-dialog";
import { useFieldControl } from "@/components/form/field";
import { Form } from "@/components/form/form";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { useCreateShare } from "../api/create-share";

const EXPIRY_CHOICES = [
  { days: "", label: "Never (until I revoke it)" },
  { days: "1", label: "In 1 day" },
  { days: "7", label: "In 7 days" },
  { days: "30", label: "In 30 days" },
  { days: "90", label: "In 90 days" },
];

function CodeCheckbox() {
  const { ref, name, value, onChange, onBlur } = useFieldControl<CreateShareRequest, "include_code">(
    "include_code",
  ).field;
  return (
    <div className="flex items-center gap-2">
      <Checkbox
        id="share-include-code"
        ref={ref}
        name={name}
        checked={value === true}
        onCheckedChange={(checked) => onChange(checked === true)}
        onBlur={onBlur}
      />
      <Label htmlFor="share-include-code" className="font-normal">
        Show the build123d code
      </Label>
    </div>
  );
}

function CreatedLink({ share }: { share: CreatedShare }) {
  return (
    <div className="grid gap-3">
      <CopyField value={share.url} label="Share link" />
      <p className="text-sm text-muted-foreground">
        Anyone with this link can view version {share.version_number}
        {share.expires_at ? ` until ${new Date(share.expires_at).toLocaleDateString()}` : ""}, without an account. The
        link is shown only now; revoke it any time under{" "}
        <Link to="/profile/shares" className="underline underline-offset-4">
          Share links
        </Link>
        .
      </p>
      <Button asChild variant="ghost" size="sm" className="justify-self-start">
        <a href={share.url} target="_blank" rel="noreferrer">
          <ExternalLinkIcon aria-hidden="true" /> Open the shared page
        </a>
      </Button>
    </div>
  );
}

/** The owner's way to make a read-only link to one version: expiry, code, downloads. */
function ShareVersionButton({ version }: { version: Version }) {
  const create = useCreateShare(version.id);
  const formats = version.files.flatMap((f) => (f.role === "model" ? [f.format] : []));
  const form = useSchemaForm(CreateShareRequestSchema, {
    defaultValues: { include_code: false, formats: formats.filter((f) => f === "step" || f === "stl") },
  });
  return (
    <CreateDialog<CreatedShare>
      trigger={
        <Button size="sm" variant="ghost">
          <Share2Icon aria-hidden="true" /> Share
        </Button>
      }
      title={() => `Share version ${version.number}`}
      description="A read-only link: the 3D model, the downloads you choose and, if you like, the code. No account is needed to open it."
      result={(share) => <CreatedLink share={share} />}
      onClosed={() => form.reset()}
    >
      {(show) => (
        <Form
          form={form}
          aria-label="Share this version"
          className="grid gap-4"
          onSubmit={async (values) => show((await create.mutateAsync(values)).share)}
        >
          <ExpiryField name="expires_in_days" label="The link expires" choices={EXPIRY_CHOICES} />
          <CheckboxGroupField<CreateShareRequest, ModelFormat>
            name="formats"
            legend="Downloads"
            options={formats}
            idPrefix="share-format"
            labelOf={(format) => FORMAT_LABELS[format]}
          />
          <CodeCheckbox />
          <CreateDialogFooter label="Create link" />
        </Form>
      )}
    </CreateDialog>
  );
}

export { ShareVersionButton };
