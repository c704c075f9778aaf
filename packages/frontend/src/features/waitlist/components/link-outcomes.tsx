import { LinkIcon, RefreshCwIcon, WifiOffIcon } from "lucide-react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { Skeleton } from "@/components/ui/skeleton";
import { Card } from "@/components/ui/card";
import { MessageCard } from "./message-card";

/** The page was opened without the link's token (typed, bookmarked, or reloaded after the token was cleared). */
function NoLinkMessage({ title, description }: { title: string; description: string }) {
  return (
    <MessageCard icon={LinkIcon} tone="muted" title={title} description={description}>
      <div className="grid gap-2">
        <Button asChild>
          <Link to="/waitlist">Join the waitlist</Link>
        </Button>
      </div>
    </MessageCard>
  );
}

/** A link that cannot be used (invalid, expired, already spent): what to do instead. */
function DeadLinkMessage({ title, description }: { title: string; description: string }) {
  return (
    <MessageCard icon={LinkIcon} tone="destructive" title={title} description={description}>
      <Button asChild>
        <Link to="/waitlist">Join the waitlist again</Link>
      </Button>
    </MessageCard>
  );
}

function LoadFailedMessage({ error, retrying, onRetry }: { error: Error; retrying: boolean; onRetry: () => void }) {
  return (
    <MessageCard icon={WifiOffIcon} tone="destructive" title="Couldn't check your link" description={error.message}>
      <Button variant="outline" onClick={onRetry} aria-busy={retrying}>
        {retrying ? <Spinner aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
        {retrying ? "Retrying…" : "Try again"}
      </Button>
    </MessageCard>
  );
}

function MessageCardSkeleton({ label }: { label: string }) {
  return (
    <Card aria-busy="true" className="items-center gap-4 px-6 py-8 sm:px-8">
      <p role="status" className="sr-only">
        {label}
      </p>
      <Skeleton className="size-12 rounded-full" />
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-4 w-64 max-w-full" />
      <Skeleton className="mt-2 h-10 w-full" />
    </Card>
  );
}

export { DeadLinkMessage, LoadFailedMessage, MessageCardSkeleton, NoLinkMessage };
