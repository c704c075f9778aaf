import type { AdminUser } from "@chat3d/shared";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { useResetUserPassword } from "../api/reset-user-password";
import { useSetUserStatus } from "../api/set-user-status";
import { actionsButtonId, type UserAction } from "./user-actions";
import { UserLimitsDialog } from "./user-limits-dialog";

export type PendingAction = { user: AdminUser; action: UserAction };

const nameOf = (user: AdminUser) => user.display_name?.trim() || user.email;

type ConfirmedAction = Exclude<UserAction, "limits">;

function copyFor({ user, action }: { user: AdminUser; action: ConfirmedAction }) {
  const name = nameOf(user);
  switch (action) {
    case "deactivate":
      return {
        title: `Deactivate ${name}?`,
        description: `${user.email} will be signed out on every device right away and can't sign in again until an admin activates the account.`,
        confirmLabel: "Deactivate",
        pendingLabel: "Deactivating…",
        tone: "destructive" as const,
        done: { title: `${name} was deactivated`, description: "Their sessions have ended." },
      };
    case "activate":
      return {
        title: `Activate ${name}?`,
        description: user.deactivated_until
          ? `${user.email} asked to delete this account. Activating it cancels the deletion, and they can sign in again.`
          : `${user.email} will be able to sign in again.`,
        confirmLabel: "Activate",
        pendingLabel: "Activating…",
        tone: "default" as const,
        done: { title: `${name} was activated`, description: "They can sign in again." },
      };
    case "reset-password":
      return {
        title: `Send ${name} a password reset?`,
        description: `We'll email a link to ${user.email} so they can choose a new password.`,
        confirmLabel: "Send reset link",
        pendingLabel: "Sending…",
        tone: "default" as const,
        done: { title: "Password reset sent", description: `A reset link is on its way to ${user.email}.` },
      };
  }
}

type UserActionDialogProps = {
  /** The last action chosen; it stays while the dialog animates out. */
  target: PendingAction | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/**
 * The confirmation for whichever row action was chosen; a toast confirms what happened. Give it a new key
 * for each opening, so a failure shown last time does not greet the next action.
 */
function UserActionDialog({ target, open, onOpenChange }: UserActionDialogProps) {
  const setStatus = useSetUserStatus();
  const resetPassword = useResetUserPassword();
  if (!target) return null;
  const returnFocusTo = () => document.getElementById(actionsButtonId(target.user.id));
  if (target.action === "limits") {
    return (
      <UserLimitsDialog user={target.user} open={open} onOpenChange={onOpenChange} returnFocusTo={returnFocusTo} />
    );
  }

  const action = target.action;
  const copy = copyFor({ user: target.user, action });
  const mutation = action === "reset-password" ? resetPassword : setStatus;
  const onSuccess = () => {
    toast.success(copy.done.title, { description: copy.done.description });
    onOpenChange(false);
  };
  const confirm = () => {
    if (action === "reset-password") resetPassword.mutate(target.user.id, { onSuccess });
    else setStatus.mutate({ userId: target.user.id, action }, { onSuccess });
  };

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={copy.title}
      description={copy.description}
      confirmLabel={copy.confirmLabel}
      pendingLabel={copy.pendingLabel}
      tone={copy.tone}
      pending={mutation.isPending}
      error={mutation.error}
      onConfirm={confirm}
      returnFocusTo={returnFocusTo}
    />
  );
}

export { UserActionDialog };
