import type { AccountActionPreview } from "@chat3d/shared";
import { BanIcon, ClockIcon, KeyRoundIcon, LinkIcon, MailWarningIcon, ShieldCheckIcon } from "lucide-react";
import { Link } from "react-router";
import {
  LoadFailedMessage,
  MessageCard,
  MessageCardSkeleton,
  type MessageTone,
} from "@/components/layouts/message-card";
import { Button } from "@/components/ui/button";
import { ApiClientError } from "@/lib/api-client";
import { useConfirmAccountAction } from "../api/confirm-account-action";
import { useAccountAction } from "../api/get-account-action";
import { NewPasswordForm } from "./new-password-form";

type DeadEnd = "used" | "superseded" | "expired" | "invalid" | "unsupported";

const DEAD_ENDS: Record<
  DeadEnd,
  { icon: typeof LinkIcon; tone: MessageTone; title: string; description: string; newLink: boolean }
> = {
  used: {
    icon: ShieldCheckIcon,
    tone: "muted",
    title: "This link was already used",
    description:
      "Reset links work once, and this one has done its job. Sign in with your new password, or ask for a new link if you need to change it again.",
    newLink: true,
  },
  superseded: {
    icon: MailWarningIcon,
    tone: "warning",
    title: "A newer link replaced this one",
    description: "You asked for another reset link after this one. Use the link in the latest email instead.",
    newLink: true,
  },
  expired: {
    icon: ClockIcon,
    tone: "warning",
    title: "This link has expired",
    description: "Reset links work for a limited time. Ask for a new one and use it soon after it arrives.",
    newLink: true,
  },
  invalid: {
    icon: LinkIcon,
    tone: "destructive",
    title: "This link isn't valid",
    description:
      "It may have been copied incompletely from the email. Open the link again from the email, or ask for a new one.",
    newLink: true,
  },
  unsupported: {
    icon: BanIcon,
    tone: "muted",
    title: "This link can't be used here",
    description: "This page changes passwords, and the link you opened is for something else. Nothing was changed.",
    newLink: false,
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
};

function deadEndOf(error: unknown): DeadEnd | null {
  return error instanceof ApiClientError ? (CONFIRM_DEAD_ENDS[error.code] ?? null) : null;
}

/** A link that cannot be used, in a sentence, and the way forward. */
function DeadLinkMessage({ kind, focusTitle = false }: { kind: DeadEnd; focusTitle?: boolean }) {
  const { newLink, ...message } = DEAD_ENDS[kind];
  return (
    <MessageCard {...message} focusTitle={focusTitle}>
      <div className="grid gap-2">
        {newLink ? (
          <>
            <Button asChild size="lg">
              <Link to="/forgot-password">Send a new link</Link>
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

type ChooseNewPasswordProps = {
  token: string;
  preview: AccountActionPreview;
  confirm: ReturnType<typeof useConfirmAccountAction>;
};

function ChooseNewPassword({ token, preview, confirm }: ChooseNewPasswordProps) {
  const deadEnd = deadEndOf(confirm.error);
  if (deadEnd) return <DeadLinkMessage kind={deadEnd} focusTitle />;

  return (
    <MessageCard
      icon={KeyRoundIcon}
      title="Choose a new password"
      description={
        <>
          <span className="block">For the Chat3D account</span>
          <span className="block font-medium break-all text-foreground">{preview.email}</span>
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

/** The page account emails link to: first what the link is for, then the form that finishes it. */
function AccountConfirm({ token }: { token: string | null }) {
  const preview = useAccountAction(token);
  // Held here: signing out clears the cache, the preview with it, and the outcome must outlive that.
  const confirm = useConfirmAccountAction();

  if (confirm.isSuccess) return <PasswordChanged />;
  if (token === null) return <NoLinkMessage />;
  if (preview.isPending) return <MessageCardSkeleton label="Checking your link…" />;
  if (preview.isError) {
    const status = preview.error instanceof ApiClientError ? preview.error.status : 0;
    return status === 404 || status === 400 ? (
      <DeadLinkMessage kind="invalid" />
    ) : (
      <LoadFailedMessage error={preview.error} retrying={preview.isFetching} onRetry={() => void preview.refetch()} />
    );
  }
  if (preview.data.action_type !== "password_reset") return <DeadLinkMessage kind="unsupported" />;
  const deadEnd = PREVIEW_DEAD_ENDS[preview.data.status];
  if (deadEnd) return <DeadLinkMessage kind={deadEnd} />;
  return <ChooseNewPassword token={token} preview={preview.data} confirm={confirm} />;
}

export { AccountConfirm };
