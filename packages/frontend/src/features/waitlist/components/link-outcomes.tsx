import { LinkIcon } from "lucide-react";
import { Link } from "react-router";
import { MessageCard } from "@/components/layouts/message-card";
import { Button } from "@/components/ui/button";

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

export { DeadLinkMessage, NoLinkMessage };
