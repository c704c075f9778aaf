import { WaitlistJoinRequestSchema, type WaitlistJoinRequest } from "@chat3d/shared";
import { CheckIcon, MailCheckIcon, MailIcon, ShieldCheckIcon, SparklesIcon } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { EmailField } from "@/components/form/email-field";
import { useFieldControl } from "@/components/form/field";
import { Form, FormAlert } from "@/components/form/form";
import { SubmitButton } from "@/components/form/submit-button";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { MessageCard } from "@/components/layouts/message-card";
import { Page } from "@/components/layouts/page";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { useJoinWaitlist } from "../api/join-waitlist";

const steps = [
  { icon: MailIcon, title: "Confirm your email", text: "We send you a link to make sure the address is yours." },
  { icon: ShieldCheckIcon, title: "We review your request", text: "An administrator approves new requests." },
  {
    icon: SparklesIcon,
    title: "Create your account",
    text: "Once you're approved, we email you a personal sign-up link.",
  },
];

function HowItWorks() {
  return (
    <ol aria-label="How the waitlist works" className="grid gap-5">
      {steps.map(({ icon: Icon, title, text }, index) => (
        <li key={title} className="flex gap-4">
          <span
            aria-hidden="true"
            className="flex size-10 shrink-0 items-center justify-center rounded-xl border bg-card text-primary shadow-xs"
          >
            <Icon className="size-5" />
          </span>
          <div className="pt-0.5">
            <p className="font-medium">
              <span className="sr-only">{`Step ${index + 1}: `}</span>
              {title}
            </p>
            <p className="text-sm text-pretty text-muted-foreground">{text}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}

function ConsentCheckbox() {
  const { ref, name, value, onChange, onBlur } = useFieldControl<WaitlistJoinRequest, "marketing_consent">(
    "marketing_consent",
  ).field;
  return (
    <div className="flex items-start gap-3">
      <Checkbox
        id="marketing-consent"
        ref={ref}
        name={name}
        checked={value === true}
        onCheckedChange={(checked) => onChange(checked === true)}
        onBlur={onBlur}
        className="mt-0.5"
        aria-describedby="consent-note"
      />
      <div className="grid gap-1.5">
        <Label htmlFor="marketing-consent" className="leading-snug font-normal">
          Also email me occasional news about Chat3D
        </Label>
        <p id="consent-note" className="text-xs text-pretty text-muted-foreground">
          Optional. It has no effect on your place on the waitlist. Without it, we only email you about this request.
        </p>
      </div>
    </div>
  );
}

function JoinForm({ onJoined }: { onJoined: (message: string) => void }) {
  const join = useJoinWaitlist();
  const form = useSchemaForm(WaitlistJoinRequestSchema, { defaultValues: { email: "", marketing_consent: false } });

  const onSubmit = async (values: WaitlistJoinRequest) => onJoined((await join.mutateAsync(values)).message);

  return (
    <Form form={form} onSubmit={onSubmit} className="grid gap-5" aria-label="Join the waitlist">
      <FormAlert />
      <EmailField autoFocus />
      <ConsentCheckbox />
      <SubmitButton size="lg" className="w-full" pendingLabel="Joining…">
        Join the waitlist
      </SubmitButton>
    </Form>
  );
}

function JoinedMessage({ message, onReset }: { message: string; onReset: () => void }) {
  return (
    <MessageCard
      icon={MailCheckIcon}
      tone="success"
      title="Check your inbox"
      headingLevel={2}
      focusTitle
      description={<p role="status">{message}</p>}
    >
      <ul className="grid gap-2 text-sm text-muted-foreground">
        {[
          "Open the link in the email to confirm your address.",
          "No email after a few minutes? Look in your spam folder.",
        ].map((tip) => (
          <li key={tip} className="flex gap-2">
            <CheckIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
            {tip}
          </li>
        ))}
      </ul>
      <Button variant="outline" onClick={onReset}>
        Use a different email
      </Button>
    </MessageCard>
  );
}

/** The waitlist's front door: what happens next, and the form to join. */
function JoinWaitlist() {
  const [joined, setJoined] = useState<string | null>(null);

  return (
    <Page className="flex flex-1 flex-col justify-center py-10 sm:py-16">
      {/* On a phone the form comes right after the introduction; the steps follow. */}
      <div className="grid items-center gap-8 lg:grid-cols-[1fr_26rem] lg:gap-x-16 lg:gap-y-8">
        <div className="space-y-3 lg:self-end">
          <p className="text-sm font-medium text-primary">Early access</p>
          <h1 className="text-3xl font-semibold tracking-tight text-balance sm:text-4xl">Join the Chat3D waitlist</h1>
          <p className="max-w-prose text-pretty text-muted-foreground sm:text-lg">
            Describe a part in plain words and get a CAD model back. We are opening accounts step by step; leave your
            email and we will let you know when it's your turn.
          </p>
        </div>
        <div className="lg:col-start-2 lg:row-span-2 lg:row-start-1">
          {joined ? (
            <JoinedMessage message={joined} onReset={() => setJoined(null)} />
          ) : (
            <Card className="gap-0 p-6 shadow-sm">
              <JoinForm onJoined={setJoined} />
            </Card>
          )}
          <p className="mt-6 text-center text-sm text-muted-foreground">
            Already have an account?{" "}
            <Link to="/login" className="font-medium text-primary underline-offset-4 hover:underline">
              Sign in
            </Link>
          </p>
        </div>
        <div className="lg:self-start">
          <HowItWorks />
        </div>
      </div>
    </Page>
  );
}

export { JoinWaitlist };
