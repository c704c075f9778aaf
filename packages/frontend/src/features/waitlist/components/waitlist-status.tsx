import { ClipboardListIcon, MailIcon } from "lucide-react";
import { Link } from "react-router";
import { LoadFailedMessage, MessageCard, MessageCardSkeleton } from "@/components/layouts/message-card";
import { Button } from "@/components/ui/button";
import { useWaitlistStatus } from "../api/get-waitlist-status";
import { WaitlistEntrySummary } from "./status-timeline";

/** Where a waitlist request stands, for the holder of its link; everyone else gets the same generic answer. */
function WaitlistStatus({ token }: { token: string | null }) {
  const status = useWaitlistStatus(token);

  if (status.isPending) return <MessageCardSkeleton label="Loading your status…" />;
  if (status.isError) {
    return (
      <LoadFailedMessage error={status.error} retrying={status.isFetching} onRetry={() => void status.refetch()} />
    );
  }
  if (!status.data.known) {
    return (
      <MessageCard icon={MailIcon} tone="muted" title="Your waitlist status" description={status.data.message}>
        <div className="grid gap-3 text-center">
          <Button asChild>
            <Link to="/waitlist">Join the waitlist</Link>
          </Button>
          <p className="text-xs text-muted-foreground">
            Already approved?{" "}
            <Link to="/login" className="font-medium text-primary underline-offset-4 hover:underline">
              Sign in
            </Link>{" "}
            once you have created your account.
          </p>
        </div>
      </MessageCard>
    );
  }
  return (
    <MessageCard
      icon={ClipboardListIcon}
      title="Your waitlist status"
      description="We email you whenever your request moves on."
    >
      <WaitlistEntrySummary entry={status.data.entry} />
    </MessageCard>
  );
}

export { WaitlistStatus };
