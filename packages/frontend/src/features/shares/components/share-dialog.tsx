import {
  CreateShareRequestSchema,
  FORMAT_LABELS,
  type CreatedShare,
  type CreateShareRequest,
  type ModelFormat,
  type Version,
} from "@chat3d/shared";
import { ExternalLinkIcon, Share2Icon } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
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
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
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

function FormatChoices({ formats }: { formats: ModelFormat[] }) {
  const { field, messages } = useFieldControl<CreateShareRequest, "formats">("formats");
  const chosen = new Set(field.value);
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">Downloads</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {formats.map((format) => (
          <div key={format} className="flex items-center gap-2">
            <Checkbox
              id={`share-format-${format}`}
              checked={chosen.has(format)}
              onCheckedChange={(checked) =>
                field.onChange(checked === true ? [...chosen, format] : [...chosen].filter((f) => f !== format))
              }
            />
            <Label htmlFor={`share-format-${format}`} className="font-normal">
              {FORMAT_LABELS[format]}
            </Label>
          </div>
        ))}
      </div>
      {messages.map((message) => (
        <p key={message} className="text-sm text-destructive">
          {message}
        </p>
      ))}
    </fieldset>
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
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedShare | null>(null);
  const create = useCreateShare(version.id);
  const formats = version.files.flatMap((f) => (f.role === "model" ? [f.format] : []));
  const form = useSchemaForm(CreateShareRequestSchema, {
    defaultValues: { include_code: false, formats: formats.filter((f) => f === "step" || f === "stl") },
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
        <Button size="sm" variant="ghost">
          <Share2Icon aria-hidden="true" /> Share
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Share version {version.number}</DialogTitle>
          <DialogDescription>
            A read-only link: the 3D model, the downloads you choose and, if you like, the code. No account is needed to
            open it.
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <CreatedLink share={created} />
        ) : (
          <Form
            form={form}
            aria-label="Share this version"
            className="grid gap-4"
            onSubmit={async (values) => setCreated((await create.mutateAsync(values)).share)}
          >
            <Field
              name="expires_in_days"
              label="The link expires"
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
            <FormatChoices formats={formats} />
            <CodeCheckbox />
            <FormAlert />
            <DialogFooter>
              <SubmitButton pendingLabel="Creating…">Create link</SubmitButton>
            </DialogFooter>
          </Form>
        )}
      </DialogContent>
    </Dialog>
  );
}

export { ShareVersionButton };
