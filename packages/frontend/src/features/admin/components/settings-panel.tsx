import type { AppSettings, AppSettingsPatch } from "@chat3d/shared";
import { useId, useState } from "react";
import type * as React from "react";
import { toast } from "sonner";
import { ListError } from "@/components/list/list-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { hasFieldErrors } from "@/lib/field-errors";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";
import { cn } from "@/lib/utils";
import { useSettings } from "../api/get-settings";
import { useUpdateSettings } from "../api/update-settings";

type BooleanSetting = "waitlist_enabled" | "invitations_enabled" | "invitation_waitlist_required";

const switches: { key: BooleanSetting; title: string; description: string; on: string; off: string }[] = [
  {
    key: "waitlist_enabled",
    title: "Waitlist",
    description:
      "Only people with an invitation or an approved waitlist request can create an account. Everyone else can join the waitlist.",
    on: "Waitlist turned on",
    off: "Waitlist turned off: anyone can sign up",
  },
  {
    key: "invitations_enabled",
    title: "Invitations",
    description: "Signed-in people can invite others by email, up to the quota below.",
    on: "Invitations turned on",
    off: "Invitations turned off",
  },
  {
    key: "invitation_waitlist_required",
    title: "Invited people join the waitlist",
    description:
      "Invited people are added to the waitlist for an admin to approve, instead of getting a sign-up link straight away.",
    on: "Invited people now join the waitlist",
    off: "Invited people now get a sign-up link",
  },
];

function SettingRow({
  label,
  description,
  control,
  children,
  className,
}: {
  label: React.ReactNode;
  description: React.ReactNode;
  control: React.ReactNode;
  children?: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex items-start justify-between gap-6", className)}>
      <div className="min-w-0 space-y-1">
        {label}
        {description}
        {children}
      </div>
      <div className="flex shrink-0 items-center gap-2 pt-0.5">{control}</div>
    </div>
  );
}

function SwitchSetting({ setting, checked }: { setting: (typeof switches)[number]; checked: boolean }) {
  const id = useId();
  const update = useUpdateSettings();

  const onCheckedChange = (value: boolean) =>
    update.mutate({ [setting.key]: value } satisfies AppSettingsPatch, {
      onSuccess: () => toast.success(value ? setting.on : setting.off),
      onError: (error) => toast.error(`Couldn't change “${setting.title}”`, { description: error.message }),
    });

  return (
    <SettingRow
      label={
        <Label htmlFor={id} className="text-sm font-medium">
          {setting.title}
        </Label>
      }
      description={
        <p id={`${id}-description`} className="text-sm text-pretty text-muted-foreground">
          {setting.description}
        </p>
      }
      control={
        <>
          {update.isPending && <Spinner label={`Saving ${setting.title}`} className="text-muted-foreground" />}
          <Switch id={id} checked={checked} onCheckedChange={onCheckedChange} aria-describedby={`${id}-description`} />
        </>
      }
    />
  );
}

const QUOTA_FIELD = "invitation_quota_per_user";

function QuotaSetting({ value }: { value: number }) {
  const id = useId();
  const update = useUpdateSettings();
  // null while the person is not editing, so a change saved elsewhere shows through.
  const [draft, setDraft] = useState<string | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);

  const shown = draft ?? String(value);
  const dirty = draft !== null && draft.trim() !== String(value);
  const serverErrors = hasFieldErrors(update.error, [QUOTA_FIELD]) ? update.error.fieldErrors[QUOTA_FIELD] : [];
  const errors = clientError ? [clientError] : (serverErrors ?? []);
  const describedBy = [`${id}-description`, errors.length > 0 && `${id}-error`].filter(Boolean).join(" ");

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!dirty) return;
    const quota = Number(draft);
    if (draft?.trim() === "" || !Number.isInteger(quota)) {
      setClientError("Enter a whole number.");
      return;
    }
    setClientError(null);
    update.mutate(
      { invitation_quota_per_user: quota },
      {
        onSuccess: () => {
          setDraft(null);
          toast.success(`Invitation quota set to ${quota}`);
        },
        onError: (error) => {
          if (!hasFieldErrors(error, [QUOTA_FIELD]))
            toast.error("Couldn't change the quota", { description: error.message });
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Invitation quota">
      <SettingRow
        className="flex-col gap-3 sm:flex-row sm:gap-6"
        label={
          <Label htmlFor={id} className="text-sm font-medium">
            Invitations per person
          </Label>
        }
        description={
          <p id={`${id}-description`} className="text-sm text-pretty text-muted-foreground">
            How many invitations each person can send in total. 0 means nobody can invite.
          </p>
        }
        control={
          <>
            <Input
              id={id}
              name="invitation_quota_per_user"
              type="number"
              inputMode="numeric"
              min={0}
              max={1000}
              step={1}
              value={shown}
              onChange={(event) => {
                setDraft(event.target.value);
                setClientError(null);
                update.reset();
              }}
              aria-invalid={errors.length > 0 || undefined}
              aria-describedby={describedBy}
              className="w-24 tabular-nums"
            />
            <Button type="submit" variant="outline" disabled={!dirty || update.isPending} aria-busy={update.isPending}>
              {update.isPending && <Spinner aria-hidden="true" />}
              Save
            </Button>
          </>
        }
      >
        {errors.length > 0 && (
          <p id={`${id}-error`} className="text-sm text-destructive">
            {errors.join(" ")}
          </p>
        )}
      </SettingRow>
    </form>
  );
}

function LastChanged({ settings, currentUserId }: { settings: AppSettings; currentUserId: string | null }) {
  if (settings.updated_by === null) {
    return <p className="text-sm text-muted-foreground">The defaults: nobody has changed these since setup.</p>;
  }
  return (
    <p className="text-sm text-muted-foreground">
      Last changed by {settings.updated_by === currentUserId ? "you" : "an admin"}{" "}
      <time dateTime={settings.updated_at} title={formatDateTime(settings.updated_at)}>
        {formatRelativeTime(settings.updated_at)}
      </time>
      <span className="sr-only">, {formatDateTime(settings.updated_at)}</span>
    </p>
  );
}

function SettingsSkeleton() {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">
        Loading settings…
      </p>
      <div className="divide-y *:py-5 *:first:pt-0 *:last:pb-0">
        {Array.from({ length: 4 }, (_, index) => (
          <div key={index} className="flex items-start justify-between gap-6">
            <div className="w-full max-w-md space-y-2">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-3.5 w-full" />
            </div>
            <Skeleton className="h-[1.15rem] w-8 rounded-full" />
          </div>
        ))}
      </div>
    </div>
  );
}

/** Sign-up policy. Each switch saves as soon as it flips; the quota saves with its own button. */
function SettingsPanel({ currentUserId }: { currentUserId: string | null }) {
  const query = useSettings();
  const settings = query.data?.settings;

  return (
    <Card className="max-w-3xl">
      <CardHeader className="border-b">
        <CardTitle role="heading" aria-level={2}>
          Sign-up and invitations
        </CardTitle>
        <CardDescription>
          {settings ? (
            <LastChanged settings={settings} currentUserId={currentUserId} />
          ) : (
            "Who can create an account, and how people invite others."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {settings ? (
          <div className="divide-y *:py-5 *:first:pt-0 *:last:pb-0">
            {switches.map((setting) => (
              <SwitchSetting key={setting.key} setting={setting} checked={settings[setting.key]} />
            ))}
            <QuotaSetting value={settings.invitation_quota_per_user} />
          </div>
        ) : query.isError ? (
          <ListError
            what="settings"
            error={query.error}
            retrying={query.isFetching}
            onRetry={() => void query.refetch()}
          />
        ) : (
          <SettingsSkeleton />
        )}
      </CardContent>
    </Card>
  );
}

export { SettingsPanel };
