import { PendingDeletionDetailsSchema } from "@chat3d/shared";
import { PendingButton } from "@/components/ui/pending-button";
import { ApiClientError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format-time";
import { useRequestReactivation } from "../api/request-reactivation";
import { EmailLinkForm } from "./email-link-form";

const TIPS = [
  "Open the link in the email to cancel the deletion. It works once, for an hour.",
  "Once reactivated, sign in as before: your chats, models and files are as you left them.",
];

/** Asks for a reactivation link by email; the answer never says whether the address has an account. */
function ReactivateForm() {
  const request = useRequestReactivation();
  return (
    <EmailLinkForm
      label="Reactivate your account"
      submitLabel="Send reactivation link"
      tips={TIPS}
      send={request.mutateAsync}
    />
  );
}

/** When the deletion is due, from the details of a sign-in refused with `account_pending_deletion`. */
export function deletionDate(error: unknown): string | null {
  if (!(error instanceof ApiClientError) || error.code !== "account_pending_deletion") return null;
  const details = PendingDeletionDetailsSchema.safeParse(error.details);
  return details.success ? details.data.deactivated_until : null;
}

/** On the sign-in page, for an account in its deletion window: the way back, in one click. */
function ReactivateOffer({ email, deletesAt }: { email: string; deletesAt: string | null }) {
  const request = useRequestReactivation();
  return (
    <div className="grid gap-2">
      {deletesAt && (
        <p>
          It will be deleted for good on <time dateTime={deletesAt}>{formatDateTime(deletesAt)}</time>.
        </p>
      )}
      {request.isSuccess ? (
        <p role="status" className="font-medium text-foreground">
          We've sent a reactivation link to {email}. Open it, then sign in.
        </p>
      ) : (
        <PendingButton
          type="button"
          variant="outline"
          size="sm"
          className="justify-self-start"
          pending={request.isPending}
          pendingLabel="Sending link…"
          onClick={() => request.mutate({ email })}
        >
          Email me a reactivation link
        </PendingButton>
      )}
      {request.isError && <p className="text-destructive">{request.error.message}</p>}
    </div>
  );
}

export { ReactivateForm, ReactivateOffer };
