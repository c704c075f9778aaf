import { MailWarningIcon } from "lucide-react";
import { useState } from "react";
import { ErrorAlert } from "@/components/error-alert";
import { PendingButton } from "@/components/ui/pending-button";
import { useResendEmailConfirmation } from "../api/resend-email-confirmation";

/**
 * Above every page while an open sign-up's address is unconfirmed: what is held back, and a new link on
 * request. It stays until the confirmation (the confirm page refreshes the signed-in user).
 */
function EmailUnconfirmedBanner({ email }: { email: string }) {
  const resend = useResendEmailConfirmation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  return (
    <section
      aria-label="Confirm your email address"
      data-slot="email-unconfirmed-banner"
      className="border-b border-warning/40 bg-warning/10 text-warning-foreground dark:text-warning"
    >
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5 text-sm sm:px-6">
        {/* The text keeps at least 16rem, so on a phone the button wraps below it instead of squeezing it. */}
        <p className="flex min-w-64 flex-1 gap-3 text-pretty">
          <MailWarningIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>
            <span className="font-medium">Confirm your email address.</span>{" "}
            <span className="text-warning-foreground/85 dark:text-warning/85">
              Open the link we sent to <span className="font-medium [overflow-wrap:anywhere]">{email}</span> to invite
              people, share models and export your data.
            </span>
          </span>
        </p>
        <div className="ml-auto flex items-center gap-3">
          <p role="status" className="text-xs text-warning-foreground/85 dark:text-warning/85">
            {sentTo && "New link sent."}
          </p>
          <PendingButton
            size="sm"
            variant="outline"
            pending={resend.isPending}
            pendingLabel="Sending…"
            onClick={() => resend.mutate(undefined, { onSuccess: () => setSentTo(email) })}
          >
            Resend email
          </PendingButton>
        </div>
        {resend.error && (
          <div className="basis-full">
            <ErrorAlert error={resend.error} />
          </div>
        )}
      </div>
    </section>
  );
}

export { EmailUnconfirmedBanner };
