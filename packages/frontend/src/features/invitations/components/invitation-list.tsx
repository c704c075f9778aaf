import type { Invitation } from "@chat3d/shared";
import { useRef } from "react";
import { RevocableRow, RevokeDialog, useRevokeTarget, When } from "@/components/list/revocable";
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
  const state = useRevokeTarget<Invitation>(revoke.reset);
  const triggers = useRef(new Map<string, HTMLButtonElement>());
  const listRef = useRef<HTMLUListElement>(null);

  return (
    <>
      <ul ref={listRef} tabIndex={-1} aria-label="Sent invitations" className="divide-y outline-none">
        {items.map((invitation) => {
          const status = invitationStatus[invitation.status];
          const settled = settledVerb[invitation.status];
          return (
            <RevocableRow
              key={invitation.id}
              title={<p className="truncate">{invitation.invitee_email}</p>}
              facts={[
                <When key="sent" label="Sent" iso={invitation.created_at} />,
                ...(settled && invitation.updated_at !== invitation.created_at
                  ? [<When key="settled" label={settled} iso={invitation.updated_at} />]
                  : []),
              ]}
              badge={{ ...status, muted: invitation.status === "revoked" }}
              revoke={
                status.open
                  ? {
                      label: `Revoke invitation to ${invitation.invitee_email}`,
                      onClick: () => state.ask(invitation),
                      ref: (node: HTMLButtonElement | null) => {
                        if (node) triggers.current.set(invitation.id, node);
                        else triggers.current.delete(invitation.id);
                      },
                    }
                  : undefined
              }
            />
          );
        })}
      </ul>
      <RevokeDialog
        state={state}
        revoke={revoke}
        title={(target) => (target ? `Revoke the invitation to ${target.invitee_email}?` : "Revoke invitation?")}
        description={(target) => (target ? revokeConsequence(target) : "")}
        confirmLabel="Revoke invitation"
        done={({ invitation }) => `Invitation to ${invitation.invitee_email} revoked`}
        // The row's button goes once revoked; the list itself keeps the focus nearby then.
        returnFocusTo={() => (state.target && triggers.current.get(state.target.id)) ?? listRef.current}
      />
    </>
  );
}

export { InvitationList };
