import type { InvitationList as InvitationListData } from "@chat3d/shared";
import { BanIcon, ListChecksIcon, MailIcon, MailPlusIcon } from "lucide-react";
import { ListPanel, ListToolbar, type ListQuery } from "@/components/list/list-panel";
import { ListError } from "@/components/list/list-states";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";
import { useInvitations } from "../api/get-invitations";
import { useLiveInvitations } from "../hooks/use-live-invitations";
import { InvitationList } from "./invitation-list";
import { InviteForm } from "./invite-form";
import { QuotaMeter } from "./quota-meter";

function PolicyNote({ waitlistRequired }: { waitlistRequired: boolean }) {
  const Icon = waitlistRequired ? ListChecksIcon : MailIcon;
  return (
    <p className="flex items-start gap-2 text-sm text-muted-foreground">
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-primary" />
      <span>
        <span className="font-medium text-foreground">
          {waitlistRequired ? "Your invitees join the waitlist first." : "Your invitees get a direct sign-up link."}
        </span>{" "}
        {waitlistRequired
          ? "They confirm their email, then an administrator approves them before they can sign up."
          : "We email each person a personal link to create their account."}
      </span>
    </p>
  );
}

function disabledReason(list: InvitationListData): string | null {
  if (!list.invitations_enabled) return "Invitations are turned off on this server.";
  if (list.quota.remaining === 0) {
    return "You have used all your invitations. Revoke one that hasn't been accepted to get it back.";
  }
  return null;
}

function ManagerSkeleton() {
  return (
    <LoadingRegion label="Loading invitations…" className="grid gap-6">
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <Skeleton className="h-72 rounded-xl" />
        <Skeleton className="h-48 rounded-xl" />
      </div>
      <Skeleton className="h-56 rounded-xl" />
    </LoadingRegion>
  );
}

function Manager({ list, query }: { list: InvitationListData; query: ListQuery<InvitationListData> }) {
  const reason = disabledReason(list);
  return (
    <div className="grid gap-6">
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_18rem]">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Invite people</h2>
            </CardTitle>
            <CardDescription>Bring colleagues and friends to Chat3D.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            {list.invitations_enabled ? (
              <PolicyNote waitlistRequired={list.waitlist_required} />
            ) : (
              <Alert>
                <BanIcon aria-hidden="true" />
                <AlertTitle>Invitations are turned off</AlertTitle>
                <AlertDescription>
                  An administrator of this server has turned invitations off. You can still see and revoke the ones you
                  sent.
                </AlertDescription>
              </Alert>
            )}
            <InviteForm list={list} disabledReason={reason} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Your invitations</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <QuotaMeter quota={list.quota} />
          </CardContent>
        </Card>
      </div>
      <ListPanel
        query={query}
        what="your invitations"
        toolbar={
          <ListToolbar
            className="flex-row items-center justify-between"
            end={
              list.items.length > 0 && (
                <span className="text-sm text-muted-foreground tabular-nums" aria-live="polite">
                  <span className="sr-only">Sent so far: </span>
                  {list.items.length}
                </span>
              )
            }
          >
            <h2 className="font-semibold">Sent invitations</h2>
          </ListToolbar>
        }
        empty={() => ({
          icon: MailPlusIcon,
          title: "No invitations yet",
          description: "People you invite show up here, with where their invitation stands.",
        })}
      >
        {(items) => items && <InvitationList items={items} />}
      </ListPanel>
    </div>
  );
}

/** Invite people within the server's policy and quota, and follow what became of each invitation. */
function InvitationManager() {
  const invitations = useInvitations();
  useLiveInvitations();

  if (invitations.data) return <Manager list={invitations.data} query={invitations} />;
  if (invitations.isError) {
    return (
      <Card className="py-0">
        <ListError
          what="your invitations"
          error={invitations.error}
          retrying={invitations.isFetching}
          onRetry={() => void invitations.refetch()}
        />
      </Card>
    );
  }
  return <ManagerSkeleton />;
}

export { InvitationManager };
