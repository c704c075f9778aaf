import type { Invitation } from "@chat3d/shared";
import { useRef } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { RevokeButton, useRevokeTarget, When } from "@/components/list/revocable";
import { useRevokeInvitation } from "../api/revoke-invitation";
import { invitationStatus, settledVerb } from "../utils/status";

function revokeConsequence(invitation: Invitation) {
  const freed = "It no longer counts against your invitations.";
  if (invitation.status === "registration_sent") return `The sign-up link we emailed stops working. ${freed}`;
  if (invitation.status === "waitlisted") {
    return `Their waitlist request stays as it is; only your invitation is withdrawn. ${freed}`;
  }
  return freed;
}

/** The invitations sent so far, newest first; open ones can be revoked after a confirmation. */
function InvitationList({ items }: { items: readonly Invitation[] }) {
  const revoke = useRevokeInvitation();
  const { target, open, setOpen, ask } = useRevokeTarget<Invitation>(revoke.reset);
  const triggers = useRef(new Map<string, HTMLButtonElement>());
  const listRef = useRef<HTMLUListElement>(null);

  const confirmRevoke = () => {
    if (!target) return;
    revoke.mutate(target.id, {
      onSuccess: ({ invitation }) => {
        setOpen(false);
        toast.success(`Invitation to ${invitation.invitee_email} revoked`);
      },
    });
  };

  return (
    <>
      <ul ref={listRef} tabIndex={-1} aria-label="Sent invitations" className="divide-y outline-none">
        {items.map((invitation) => {
          const status = invitationStatus[invitation.status];
          const settled = settledVerb[invitation.status];
          return (
            <li
              key={invitation.id}
              className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:flex-nowrap sm:px-6"
            >
              <div className="min-w-0 flex-1 basis-full sm:basis-auto">
                <p className="truncate font-medium">{invitation.invitee_email}</p>
                <p className="flex flex-wrap gap-x-1.5 text-xs text-muted-foreground">
                  <When label="Sent" iso={invitation.created_at} />
                  {settled && invitation.updated_at !== invitation.created_at && (
                    <>
                      <span aria-hidden="true">·</span>
                      <When label={settled} iso={invitation.updated_at} />
                    </>
                  )}
                </p>
              </div>
              <Badge
                variant={status.variant}
                className={invitation.status === "revoked" ? "text-muted-foreground" : ""}
              >
                {status.label}
              </Badge>
              <div className="ml-auto flex w-20 justify-end sm:ml-0">
                {status.open && (
                  <RevokeButton
                    ref={(node) => {
                      if (node) triggers.current.set(invitation.id, node);
                      else triggers.current.delete(invitation.id);
                    }}
                    label={`Revoke invitation to ${invitation.invitee_email}`}
                    onClick={() => ask(invitation)}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={target ? `Revoke the invitation to ${target.invitee_email}?` : "Revoke invitation?"}
        description={target ? revokeConsequence(target) : ""}
        confirmLabel="Revoke invitation"
        pendingLabel="Revoking…"
        tone="destructive"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={confirmRevoke}
        // The row's button goes once revoked; the list itself keeps the focus nearby then.
        returnFocusTo={() => (target && triggers.current.get(target.id)) ?? listRef.current}
      />
    </>
  );
}

export { InvitationList };
