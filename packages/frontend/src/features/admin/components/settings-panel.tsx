import { AppSettingsPatchSchema, type AppSettings, type AppSettingsPatch, type UserLimitsPatch } from "@chat3d/shared";
import { useId } from "react";
import type * as React from "react";
import { useFormContext } from "react-hook-form";
import { toast } from "sonner";
import { fieldMessages } from "@/components/form/api-field-errors";
import { Form } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { ListError } from "@/components/list/list-states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";
import { cn } from "@/lib/utils";
import { useSettings } from "../api/get-settings";
import { useUpdateSettings } from "../api/update-settings";
import { formatCap, formatDailyLimit } from "../utils/ai-limits";
import { AiLimitsForm } from "./ai-limits-form";

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

// A blank or fractional number fails as "not a whole number"; the shared schema's own messages cover the rest.
const quotaParse = {
  error: (issue: { code?: string }) => (issue.code === "invalid_type" ? "Enter a whole number." : undefined),
};

function QuotaInput() {
  const form = useFormContext<AppSettingsPatch>();
  const messages = fieldMessages(form.formState.errors.invitation_quota_per_user);
  const id = useId();
  return (
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
            type="number"
            inputMode="numeric"
            min={0}
            max={1000}
            step={1}
            aria-invalid={messages.length > 0 || undefined}
            aria-describedby={[`${id}-description`, messages.length > 0 && `${id}-error`].filter(Boolean).join(" ")}
            className="w-24 tabular-nums"
            {...form.register("invitation_quota_per_user", {
              valueAsNumber: true,
              onChange: () => form.clearErrors("invitation_quota_per_user"),
            })}
          />
          <SubmitButton variant="outline" disabled={!form.formState.isDirty} pendingLabel="Saving…">
            Save
          </SubmitButton>
        </>
      }
    >
      {messages.length > 0 && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {messages.join(" ")}
        </p>
      )}
    </SettingRow>
  );
}

function QuotaSetting({ value }: { value: number }) {
  const update = useUpdateSettings();
  const form = useSchemaForm(AppSettingsPatchSchema, {
    parseOptions: quotaParse,
    // A quota saved elsewhere (or shown optimistically) comes through unless the person is editing it, and
    // never wipes a message they have yet to read.
    values: { invitation_quota_per_user: value },
    resetOptions: { keepDirtyValues: true, keepErrors: true },
  });

  const onSubmit = async (patch: AppSettingsPatch) => {
    const { settings } = await update.mutateAsync(patch);
    form.reset({ invitation_quota_per_user: settings.invitation_quota_per_user });
    toast.success(`Invitation quota set to ${settings.invitation_quota_per_user}`);
  };

  return (
    <Form
      form={form}
      onSubmit={onSubmit}
      onError={(error) =>
        toast.error("Couldn't change the quota", { description: error instanceof Error ? error.message : undefined })
      }
      aria-label="Invitation quota"
    >
      <QuotaInput />
    </Form>
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
    <LoadingRegion label="Loading settings…">
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
    </LoadingRegion>
  );
}

/** The server's AI limits, which apply to everyone an admin has not given limits of their own. */
function AiLimitsCard({ settings }: { settings: AppSettings }) {
  const update = useUpdateSettings();
  const save = async (limits: UserLimitsPatch) => {
    await update.mutateAsync(limits);
    toast.success("AI limits saved", {
      description: `Everyone without limits of their own: ${formatDailyLimit(limits.daily_query_limit)}, ${formatCap(limits.monthly_cost_cap_usd)}.`,
    });
  };
  return (
    <Card className="max-w-3xl">
      <CardHeader className="border-b">
        <CardTitle role="heading" aria-level={2}>
          AI limits
        </CardTitle>
        <CardDescription>
          How much each person may ask the AI. Set limits for one person from their row in Users.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <AiLimitsForm
          label="AI limits for everyone"
          values={{
            daily_query_limit: settings.daily_query_limit,
            monthly_cost_cap_usd: settings.monthly_cost_cap_usd,
          }}
          blank={{ daily: "Empty: no daily limit.", monthly: "Empty: no monthly cap.", placeholder: "None" }}
          submitLabel="Save AI limits"
          onSave={save}
        />
      </CardContent>
    </Card>
  );
}

/**
 * Sign-up policy and the AI limits. Each switch saves as soon as it flips; the quota and the limits save
 * with their own buttons.
 */
function SettingsPanel({ currentUserId }: { currentUserId: string | null }) {
  const query = useSettings();
  const settings = query.data?.settings;

  return (
    <div className="grid gap-6">
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
      {settings && <AiLimitsCard settings={settings} />}
    </div>
  );
}

export { SettingsPanel };
