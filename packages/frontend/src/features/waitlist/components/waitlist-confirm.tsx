import type { WaitlistConfirmationPreview } from "@chat3d/shared";
import { BadgeCheckIcon, MailQuestionIcon } from "lucide-react";
import { ErrorAlert } from "@/components/error-alert";
import { LoadFailedMessage, MessageCard, MessageCardSkeleton } from "@/components/layouts/message-card";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiClientError } from "@/lib/api-client";
import { useConfirmEmail } from "../api/confirm-email";
import { useConfirmationPreview } from "../api/preview-confirmation";
import { useWaitlistStatus } from "../api/get-waitlist-status";
import { DeadLinkMessage, NoLinkMessage } from "./link-outcomes";
import { WaitlistEntrySummary } from "./status-timeline";

const isStatus = (error: unknown, status: number) => error instanceof ApiClientError && error.status === status;

const EXPIRED = {
  title: "This link has expired",
  description: "Confirmation links work for a limited time. Join the waitlist again and we'll send you a new one.",
};

/** The request is past email confirmation: where it stands now, read with the same token. */
function AlreadyConfirmed({ token, decided = false }: { token: string; decided?: boolean }) {
  const status = useWaitlistStatus(token);
  const entry = status.data?.known ? status.data.entry : null;
  return (
    <MessageCard
      icon={BadgeCheckIcon}
      tone="success"
      title={decided ? "Nothing left to confirm" : "Your email is already confirmed"}
      focusTitle
      description="There's nothing more to do with this link. Here's where your request stands."
    >
      {entry ? (
        <WaitlistEntrySummary entry={entry} />
      ) : status.isError ? (
        <ErrorAlert error={status.error} />
      ) : (
        <Spinner label="Loading your status" className="mx-auto" />
      )}
    </MessageCard>
  );
}

function ConfirmPrompt({ token, preview }: { token: string; preview: WaitlistConfirmationPreview }) {
  const confirm = useConfirmEmail();

  if (confirm.data) {
    return (
      <MessageCard
        icon={BadgeCheckIcon}
        tone="success"
        title="Email confirmed"
        focusTitle
        description="Thanks! Your request is now waiting for an administrator. We'll email you when there's a decision."
      >
        <WaitlistEntrySummary entry={confirm.data.entry} />
      </MessageCard>
    );
  }
  if (isStatus(confirm.error, 409)) return <AlreadyConfirmed token={token} />;
  if (isStatus(confirm.error, 422)) {
    return (
      <DeadLinkMessage
        title="This link can't be used"
        description={confirm.error?.message ?? "This confirmation link is not valid or has expired."}
      />
    );
  }

  return (
    <MessageCard
      icon={MailQuestionIcon}
      title="Confirm your email"
      description="Confirming tells us this address is yours and puts your request in front of an administrator."
    >
      <div className="rounded-lg border bg-muted/40 px-4 py-3 text-center">
        <p className="text-xs text-muted-foreground">Waitlist request for</p>
        <p className="font-medium break-all">{preview.email}</p>
      </div>
      <ErrorAlert error={confirm.error} />
      <Button
        size="lg"
        className="w-full"
        onClick={() => confirm.mutate(token)}
        disabled={confirm.isPending}
        aria-busy={confirm.isPending}
      >
        {confirm.isPending && <Spinner aria-hidden="true" />}
        {confirm.isPending ? "Confirming…" : "Confirm my email"}
      </Button>
      <p className="text-center text-xs text-pretty text-muted-foreground">
        Didn't ask to join? Ignore this page and the email; nothing happens without this button.
      </p>
    </MessageCard>
  );
}

/** The page the confirmation email links to: first what will happen, then a button that does it. */
function WaitlistConfirm({ token }: { token: string | null }) {
  const preview = useConfirmationPreview(token);

  if (token === null) {
    return (
      <NoLinkMessage
        title="Open the link from your email"
        description="This page confirms a waitlist request. Open it with the link in your confirmation email. For your security the link's code leaves the address bar once opened, so reloading the page needs the email link again."
      />
    );
  }
  if (preview.isPending) return <MessageCardSkeleton label="Checking your link…" />;
  if (preview.isError) {
    return isStatus(preview.error, 404) || isStatus(preview.error, 400) ? (
      <DeadLinkMessage
        title="This link isn't valid"
        description="It may have been copied incompletely, or replaced by a newer confirmation email. Join the waitlist again to get a new link."
      />
    ) : (
      <LoadFailedMessage error={preview.error} retrying={preview.isFetching} onRetry={() => void preview.refetch()} />
    );
  }
  if (preview.data.status !== "pending_email_confirmation") {
    return <AlreadyConfirmed token={token} decided={preview.data.status === "rejected"} />;
  }
  if (preview.data.expired) return <DeadLinkMessage {...EXPIRED} />;
  return <ConfirmPrompt token={token} preview={preview.data} />;
}

export { WaitlistConfirm };
