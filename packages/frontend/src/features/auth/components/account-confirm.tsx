import type { AccountActionPreview, AccountActionType } from "@chat3d/shared";
import {
  ArchiveIcon,
  BanIcon,
  ClockIcon,
  KeyRoundIcon,
  LinkIcon,
  MailCheckIcon,
  MailWarningIcon,
  RotateCcwIcon,
  ShieldAlertIcon,
  ShieldCheckIcon,
  Trash2Icon,
  UserCheckIcon,
  UserXIcon,
  type LucideIcon,
} from "lucide-react";
import type * as React from "react";
import { Link } from "react-router";
import { ErrorAlert } from "@/components/error-alert";
import {
  LoadFailedMessage,
  MessageCard,
  MessageCardSkeleton,
  type MessageTone,
} from "@/components/layouts/message-card";
import { Button } from "@/components/ui/button";
import { PendingButton } from "@/components/ui/pending-button";
import { ApiClientError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format-time";
import { useConfirmAccountAction } from "../api/confirm-account-action";
import { useAccountAction } from "../api/get-account-action";
import { NewPasswordForm } from "./new-password-form";

type Confirm = ReturnType<typeof useConfirmAccountAction>;
type DeadEnd = "used" | "superseded" | "expired" | "invalid" | "unsupported" | "taken" | "deleted" | "inactive";

/** Where a person gets a fresh link of each kind. */
const NEW_LINK: Record<AccountActionType, { to: string; label: string }> = {
  password_reset: { to: "/forgot-password", label: "Send a new link" },
  account_reactivate: { to: "/reactivate", label: "Send a new link" },
  email_change: { to: "/profile", label: "Ask again from your profile" },
  email_change_revert: { to: "/forgot-password", label: "Reset your password" },
  data_export: { to: "/profile/data", label: "Ask again from your profile" },
  account_delete: { to: "/profile/data", label: "Ask again from your profile" },
  email_confirm: { to: "/login", label: "Sign in to get a new link" },
};

const DEAD_ENDS: Record<DeadEnd, { icon: LucideIcon; tone: MessageTone; title: string; description: string }> = {
  used: {
    icon: ShieldCheckIcon,
    tone: "muted",
    title: "This link was already used",
    description: "Links from account emails work once, and this one has done its job.",
  },
  superseded: {
    icon: MailWarningIcon,
    tone: "warning",
    title: "A newer link replaced this one",
    description: "You asked for another link after this one. Use the link in the latest email instead.",
  },
  expired: {
    icon: ClockIcon,
    tone: "warning",
    title: "This link has expired",
    description:
      "Links from account emails work for a limited time. Ask for a new one and use it soon after it arrives.",
  },
  invalid: {
    icon: LinkIcon,
    tone: "destructive",
    title: "This link isn't valid",
    description:
      "It may have been copied incompletely from the email. Open the link again from the email, or ask for a new one.",
  },
  unsupported: {
    icon: BanIcon,
    tone: "muted",
    title: "This link can't be used here",
    description: "The link is for something else than this page carries out. Nothing was changed.",
  },
  taken: {
    icon: MailWarningIcon,
    tone: "warning",
    title: "That address already has an account",
    description:
      "Another Chat3D account signs in with this email address, so yours cannot move there. Nothing was changed.",
  },
  deleted: {
    icon: UserXIcon,
    tone: "muted",
    title: "This account was deleted",
    description: "The 30 days to reactivate it have passed, so there is nothing left to restore.",
  },
  inactive: {
    icon: UserXIcon,
    tone: "muted",
    title: "This account is deactivated",
    description: "A deactivated account can't use this link. Reactivate it first, or ask your administrator.",
  },
};

const PREVIEW_DEAD_ENDS: Partial<Record<AccountActionPreview["status"], DeadEnd>> = {
  completed: "used",
  expired: "expired",
  cancelled: "superseded",
};

const CONFIRM_DEAD_ENDS: Record<string, DeadEnd> = {
  token_used: "used",
  token_superseded: "superseded",
  expired_token: "expired",
  unsupported_action: "unsupported",
  not_found: "invalid",
  email_taken: "taken",
  account_deleted: "deleted",
  account_not_active: "inactive",
};

function deadEndOf(error: unknown): DeadEnd | null {
  return error instanceof ApiClientError ? (CONFIRM_DEAD_ENDS[error.code] ?? null) : null;
}

const Address = ({ children }: { children: React.ReactNode }) => (
  <span className="block font-medium break-all text-foreground">{children}</span>
);

type Step = {
  icon: LucideIcon;
  tone?: MessageTone;
  title: string;
  description: (p: AccountActionPreview) => React.ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  destructive?: boolean;
  done: {
    icon: LucideIcon;
    title: string;
    description: (p: AccountActionPreview) => React.ReactNode;
    next: { to: string; label: string };
  };
};

/** What each kind of link shows before it is confirmed, and after. The password reset has its own form. */
const STEPS: Record<Exclude<AccountActionType, "password_reset">, Step> = {
  email_confirm: {
    icon: MailCheckIcon,
    title: "Confirm your email address",
    description: (p) => (
      <>
        <span className="block">Confirm that this address is yours:</span>
        <Address>{p.email}</Address>
        <span className="mt-2 block">Then you can invite people, share models and export your data.</span>
      </>
    ),
    confirmLabel: "Confirm my email",
    pendingLabel: "Confirming…",
    done: {
      icon: ShieldCheckIcon,
      title: "Email address confirmed",
      description: (p) => <>Thanks — {p.email} is confirmed. Everything in Chat3D is open to you now.</>,
      next: { to: "/chat", label: "Go to your workspace" },
    },
  },
  email_change: {
    icon: MailCheckIcon,
    title: "Confirm your new email address",
    description: (p) => (
      <>
        <span className="block">The Chat3D account {p.email} will sign in with</span>
        <Address>{p.new_email}</Address>
      </>
    ),
    confirmLabel: "Use this email address",
    pendingLabel: "Changing email…",
    done: {
      icon: ShieldCheckIcon,
      title: "Email address changed",
      description: (p) => (
        <>
          <span className="block">From now on you sign in with</span>
          <Address>{p.new_email}</Address>
          <span className="mt-2 block">We let your old address know, in case it wasn't you.</span>
        </>
      ),
      next: { to: "/profile", label: "Go to your profile" },
    },
  },
  email_change_revert: {
    icon: ShieldAlertIcon,
    tone: "warning",
    title: "Undo the email change",
    description: (p) => (
      <>
        <span className="block">The account that now signs in with {p.email} moves back to</span>
        <Address>{p.new_email}</Address>
        <span className="mt-2 block">
          Every device is signed out, and we email you a link to choose a new password.
        </span>
      </>
    ),
    confirmLabel: "Undo the change",
    pendingLabel: "Undoing…",
    destructive: true,
    done: {
      icon: RotateCcwIcon,
      title: "Your email address is back",
      description: (p) => (
        <>Every device was signed out. Check {p.new_email} for a link to choose a new password, then sign in.</>
      ),
      next: { to: "/login", label: "Sign in" },
    },
  },
  data_export: {
    icon: ArchiveIcon,
    title: "Export your data",
    description: (p) => (
      <>
        A zip of everything in the account {p.email}: your profile, every chat and message, every model version with its
        code and files, your uploads, invitations and notifications.
      </>
    ),
    confirmLabel: "Start the export",
    pendingLabel: "Starting…",
    done: {
      icon: ArchiveIcon,
      title: "Your export is being built",
      description: () => <>We email you when the archive is ready. Only you can download it, while signed in.</>,
      next: { to: "/profile/data", label: "See your exports" },
    },
  },
  account_delete: {
    icon: Trash2Icon,
    tone: "destructive",
    title: "Delete your account",
    description: (p) => (
      <>
        <span className="block">The account {p.email} is deactivated at once and every device signed out.</span>
        <span className="mt-2 block">
          After 30 days it is deleted for good, with its chats, models, files, invitations and notifications. Until then
          you can reactivate it.
        </span>
      </>
    ),
    confirmLabel: "Delete my account",
    pendingLabel: "Deleting…",
    destructive: true,
    done: {
      icon: UserXIcon,
      title: "Your account is deactivated",
      description: () => (
        <>
          It will be deleted for good in 30 days. Changed your mind? Sign in before then and we'll help you reactivate
          it.
        </>
      ),
      next: { to: "/login", label: "Back to sign in" },
    },
  },
  account_reactivate: {
    icon: UserCheckIcon,
    title: "Reactivate your account",
    description: (p) => (
      <>
        <span className="block">Cancel the deletion of</span>
        <Address>{p.email}</Address>
        <span className="mt-2 block">Everything is as you left it.</span>
      </>
    ),
    confirmLabel: "Reactivate my account",
    pendingLabel: "Reactivating…",
    done: {
      icon: UserCheckIcon,
      title: "Welcome back",
      description: () => <>Your account is active again and will not be deleted. Sign in to continue.</>,
      next: { to: "/login", label: "Sign in" },
    },
  },
};

/** A link that cannot be used, in a sentence, and the way forward. */
function DeadLinkMessage({
  kind,
  type,
  focusTitle = false,
}: {
  kind: DeadEnd;
  type: AccountActionType | null;
  focusTitle?: boolean;
}) {
  const newLink = type && kind !== "unsupported" && kind !== "deleted" ? NEW_LINK[type] : null;
  return (
    <MessageCard {...DEAD_ENDS[kind]} focusTitle={focusTitle}>
      <div className="grid gap-2">
        {newLink || kind === "invalid" ? (
          <>
            <Button asChild size="lg">
              <Link to={newLink?.to ?? "/forgot-password"}>{newLink?.label ?? "Send a new link"}</Link>
            </Button>
            <Button asChild variant="outline">
              <Link to="/login">Sign in</Link>
            </Button>
          </>
        ) : (
          <Button asChild size="lg">
            <Link to="/">Go to Chat3D</Link>
          </Button>
        )}
      </div>
    </MessageCard>
  );
}

function PasswordChanged() {
  return (
    <MessageCard
      icon={ShieldCheckIcon}
      tone="success"
      title="Password changed — every device was signed out"
      focusTitle
      description="For your security, every session of this account has ended, this one too. Sign in with your new password."
    >
      <Button asChild size="lg">
        <Link to="/login">Sign in</Link>
      </Button>
    </MessageCard>
  );
}

function ChooseNewPassword({
  token,
  preview,
  confirm,
}: {
  token: string;
  preview: AccountActionPreview;
  confirm: Confirm;
}) {
  const deadEnd = deadEndOf(confirm.error);
  if (deadEnd) return <DeadLinkMessage kind={deadEnd} type={preview.action_type} focusTitle />;

  return (
    <MessageCard
      icon={KeyRoundIcon}
      title="Choose a new password"
      description={
        <>
          <span className="block">For the Chat3D account</span>
          <Address>{preview.email}</Address>
        </>
      }
    >
      <NewPasswordForm token={token} preview={preview} confirm={confirm} />
      <p className="text-center text-xs text-pretty text-muted-foreground">
        Changing your password signs you out on every device.
      </p>
    </MessageCard>
  );
}

/** What a confirmed link did, from the server's answer (signing out may have cleared the preview). */
function DoneMessage({ action }: { action: AccountActionPreview }) {
  if (action.action_type === "password_reset") return <PasswordChanged />;
  const { done } = STEPS[action.action_type];
  return (
    <MessageCard icon={done.icon} tone="success" title={done.title} focusTitle description={done.description(action)}>
      <Button asChild size="lg">
        <Link to={done.next.to}>{done.next.label}</Link>
      </Button>
    </MessageCard>
  );
}

/** Any link but a reset: what it will do, and one button that does it. */
function ConfirmStep({ token, preview, confirm }: { token: string; preview: AccountActionPreview; confirm: Confirm }) {
  const step = STEPS[preview.action_type as keyof typeof STEPS];
  const deadEnd = deadEndOf(confirm.error);
  if (deadEnd) return <DeadLinkMessage kind={deadEnd} type={preview.action_type} focusTitle />;
  return (
    <MessageCard icon={step.icon} tone={step.tone} title={step.title} description={step.description(preview)}>
      <div className="grid gap-3">
        <ErrorAlert error={confirm.error} />
        <PendingButton
          size="lg"
          variant={step.destructive ? "destructive" : "default"}
          pending={confirm.isPending}
          pendingLabel={step.pendingLabel}
          onClick={() => confirm.mutate({ token, action_type: preview.action_type })}
        >
          {step.confirmLabel}
        </PendingButton>
        {preview.expires_at && (
          <p className="text-center text-xs text-muted-foreground">
            This link works until <time dateTime={preview.expires_at}>{formatDateTime(preview.expires_at)}</time>.
          </p>
        )}
      </div>
    </MessageCard>
  );
}

function NoLinkMessage() {
  return (
    <MessageCard
      icon={LinkIcon}
      tone="muted"
      title="Open the link from your email"
      description="This page finishes what an email link started. For your security the link's code leaves the address bar once opened, so reloading the page needs the email link again."
    >
      <Button asChild size="lg">
        <Link to="/forgot-password">Send a new link</Link>
      </Button>
    </MessageCard>
  );
}

/** The page account emails link to: first what the link is for, then the step that finishes it. */
function AccountConfirm({ token }: { token: string | null }) {
  const preview = useAccountAction(token);
  // Held here: signing out clears the cache, the preview with it, and the outcome must outlive that.
  const confirm = useConfirmAccountAction();

  if (confirm.isSuccess) return <DoneMessage action={confirm.data.action} />;
  if (token === null) return <NoLinkMessage />;
  if (preview.isPending) return <MessageCardSkeleton label="Checking your link…" />;
  if (preview.isError) {
    const status = preview.error instanceof ApiClientError ? preview.error.status : 0;
    return status === 404 || status === 400 ? (
      <DeadLinkMessage kind="invalid" type={null} />
    ) : (
      <LoadFailedMessage error={preview.error} retrying={preview.isFetching} onRetry={() => void preview.refetch()} />
    );
  }
  const deadEnd = PREVIEW_DEAD_ENDS[preview.data.status];
  if (deadEnd) return <DeadLinkMessage kind={deadEnd} type={preview.data.action_type} />;
  if (preview.data.action_type === "password_reset") {
    return <ChooseNewPassword token={token} preview={preview.data} confirm={confirm} />;
  }
  return <ConfirmStep token={token} preview={preview.data} confirm={confirm} />;
}

export { AccountConfirm };
