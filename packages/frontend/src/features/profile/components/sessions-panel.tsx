import type { Session } from "@chat3d/shared";
import { LaptopIcon, LogOutIcon, MonitorSmartphoneIcon, SmartphoneIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { ListPanel, ListToolbar } from "@/components/list/list-panel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PendingButton } from "@/components/ui/pending-button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";
import { useRevokeOtherSessions, useRevokeSession, useSessions } from "../api/sessions";

const isPhone = (device: string) => /iOS|Android/.test(device);

function SessionRow({ session }: { session: Session }) {
  const revoke = useRevokeSession();
  const Icon = isPhone(session.device) ? SmartphoneIcon : LaptopIcon;
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:flex-nowrap sm:px-6">
      <span
        aria-hidden="true"
        className="flex size-9 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground"
      >
        <Icon className="size-4" />
      </span>
      <div className="min-w-0 flex-1 basis-[calc(100%-3rem)] sm:basis-auto">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          {session.device}
          {session.current && <Badge variant="success">This device</Badge>}
        </p>
        <p className="flex flex-wrap gap-x-1.5 text-xs text-muted-foreground">
          <span>{session.ip ?? "Unknown address"}</span>
          <span aria-hidden="true">·</span>
          <span>
            Active{" "}
            <time dateTime={session.last_seen_at} title={formatDateTime(session.last_seen_at)}>
              {formatRelativeTime(session.last_seen_at)}
            </time>
          </span>
          <span aria-hidden="true">·</span>
          <span>
            Signed in{" "}
            <time dateTime={session.created_at} title={formatDateTime(session.created_at)}>
              {formatRelativeTime(session.created_at)}
            </time>
          </span>
        </p>
      </div>
      {!session.current && (
        <PendingButton
          variant="outline"
          size="sm"
          className="ml-12 sm:ml-0"
          pending={revoke.isPending}
          pendingLabel="Signing out…"
          aria-label={`Sign out ${session.device}`}
          onClick={() =>
            revoke.mutate(session.id, {
              onSuccess: () => toast.success(`${session.device} was signed out`),
              onError: (error) => toast.error("Couldn't sign that device out", { description: error.message }),
            })
          }
        >
          Sign out
        </PendingButton>
      )}
    </li>
  );
}

function SessionSkeleton() {
  return (
    <ul aria-hidden="true" className="divide-y">
      {[0, 1].map((i) => (
        <li key={i} className="flex items-center gap-3 px-4 py-3 sm:px-6">
          <Skeleton className="size-9 rounded-full" />
          <div className="grid flex-1 gap-1.5">
            <Skeleton className="h-4 w-36" />
            <Skeleton className="h-3 w-56 max-w-full" />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Every device signed in to the account: sign one out, or all but this one. */
function SessionsPanel() {
  const sessions = useSessions();
  const revokeOthers = useRevokeOtherSessions();
  const [confirming, setConfirming] = useState(false);
  const others = sessions.data?.items.filter((s) => !s.current).length ?? 0;

  return (
    <>
      <ListPanel
        query={sessions}
        what="your sessions"
        toolbar={
          <ListToolbar
            end={
              <Button variant="outline" disabled={others === 0} onClick={() => setConfirming(true)}>
                <LogOutIcon aria-hidden="true" />
                Sign out other devices
              </Button>
            }
          >
            <p className="text-sm text-muted-foreground">
              {sessions.data
                ? others === 0
                  ? "Only this device is signed in."
                  : `This device and ${others === 1 ? "one other" : `${others} others`} are signed in.`
                : "Devices signed in to your account."}
            </p>
          </ListToolbar>
        }
        empty={() => ({
          icon: MonitorSmartphoneIcon,
          title: "No sessions",
          description: "No device is signed in to your account.",
        })}
      >
        {(items) =>
          items ? (
            <ul aria-label="Signed-in devices" className="divide-y">
              {[...items]
                .sort((a, b) => Number(b.current) - Number(a.current))
                .map((session) => (
                  <SessionRow key={session.id} session={session} />
                ))}
            </ul>
          ) : (
            <SessionSkeleton />
          )
        }
      </ListPanel>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Sign out every other device?"
        description="Each of them needs your password to sign in again. This device stays signed in."
        confirmLabel="Sign out other devices"
        pendingLabel="Signing out…"
        tone="destructive"
        pending={revokeOthers.isPending}
        error={revokeOthers.error}
        onConfirm={() =>
          revokeOthers.mutate(undefined, {
            onSuccess: ({ revoked }) => {
              setConfirming(false);
              toast.success(`${revoked === 1 ? "One device was" : `${revoked} devices were`} signed out`);
            },
          })
        }
      />
    </>
  );
}

export { SessionsPanel };
