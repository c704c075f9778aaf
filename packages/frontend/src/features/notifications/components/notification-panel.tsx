import type { Notification } from "@chat3d/shared";
import { BellRingIcon, CheckCheckIcon, RefreshCwIcon, TriangleAlertIcon } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useNotifications } from "../api/get-notifications";
import { useMarkAllNotificationsRead } from "../api/mark-all-notifications-read";
import { useMarkNotificationRead } from "../api/mark-notification-read";
import { notificationContent } from "../utils/content";
import { NotificationItem } from "./notification-item";

/** The current time, ticking each minute while shown, so "5 minutes ago" stays true. */
function useNow(intervalMs = 60_000) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function PanelMessage({
  icon,
  title,
  description,
  children,
  tone = "default",
}: {
  icon: React.ReactNode;
  title: string;
  description: string;
  children?: React.ReactNode;
  tone?: "default" | "destructive";
}) {
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-10 text-center">
      <span
        aria-hidden="true"
        className={
          tone === "destructive"
            ? "flex size-11 items-center justify-center rounded-full bg-destructive/10 text-destructive [&_svg]:size-5"
            : "flex size-11 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-5"
        }
      >
        {icon}
      </span>
      <div className="space-y-1">
        <p className="text-sm font-semibold">{title}</p>
        <p className="text-sm text-muted-foreground">{description}</p>
        {children}
      </div>
    </div>
  );
}

function NotificationsSkeleton() {
  return (
    <LoadingRegion label="Loading notifications…">
      {[0, 1, 2].map((row) => (
        <div key={row} className="flex items-start gap-3 border-b px-4 py-3 last:border-b-0">
          <Skeleton className="mt-0.5 size-8 shrink-0 rounded-full" />
          <div className="flex-1 space-y-2 pt-1">
            <Skeleton className="h-3.5 w-2/5" />
            <Skeleton className="h-3 w-4/5" />
            <Skeleton className="h-3 w-16" />
          </div>
        </div>
      ))}
    </LoadingRegion>
  );
}

function NotificationPanel({ unreadCount, onClose }: { unreadCount: number; onClose: () => void }) {
  const now = useNow();
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAllRead = useMarkAllNotificationsRead();

  // A notification pushed while a later page loads can shift the offsets and appear on two pages.
  const items = useMemo(() => {
    const seen = new Set<string>();
    return (notifications.data?.pages ?? []).flatMap((page) =>
      page.items.filter((item) => {
        if (seen.has(item.id)) return false;
        seen.add(item.id);
        return true;
      }),
    );
  }, [notifications.data]);

  const open = (notification: Notification) => {
    if (notification.read_at === null) markRead.mutate(notification.id);
    if (notificationContent(notification).link) onClose();
  };

  let body: React.ReactNode;
  if (notifications.isPending) {
    body = <NotificationsSkeleton />;
  } else if (notifications.isError) {
    body = (
      <PanelMessage
        icon={<TriangleAlertIcon />}
        title="Couldn't load notifications"
        description={notifications.error.message}
        tone="destructive"
      >
        <Button
          variant="outline"
          size="sm"
          className="mt-3"
          onClick={() => void notifications.refetch()}
          aria-busy={notifications.isFetching}
        >
          {notifications.isFetching ? <Spinner aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
          Try again
        </Button>
      </PanelMessage>
    );
  } else if (items.length === 0) {
    body = (
      <PanelMessage
        icon={<BellRingIcon />}
        title="You're all caught up"
        description="New notifications will show up here."
      />
    );
  } else {
    body = (
      <>
        <ul aria-label="Notifications" className="divide-y">
          {items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} now={now} onOpen={open} />
          ))}
        </ul>
        {notifications.hasNextPage && (
          <div className="border-t p-2">
            <Button
              variant="ghost"
              size="sm"
              className="w-full text-muted-foreground"
              onClick={() => void notifications.fetchNextPage()}
              aria-busy={notifications.isFetchingNextPage}
            >
              {notifications.isFetchingNextPage && <Spinner aria-hidden="true" />}
              {notifications.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          </div>
        )}
      </>
    );
  }

  return (
    <>
      <div className="flex min-h-12 items-center justify-between gap-3 border-b py-2 pr-2 pl-4">
        <div className="flex min-w-0 items-baseline gap-2">
          <h2 id="notifications-title" className="text-sm font-semibold">
            Notifications
          </h2>
          {unreadCount > 0 && <span className="text-xs text-muted-foreground tabular-nums">{unreadCount} unread</span>}
        </div>
        {items.length > 0 && (
          <Button
            variant="ghost"
            size="sm"
            className="text-muted-foreground"
            disabled={unreadCount === 0}
            onClick={() => markAllRead.mutate()}
          >
            <CheckCheckIcon aria-hidden="true" />
            Mark all as read
          </Button>
        )}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">{body}</div>
    </>
  );
}

export { NotificationPanel };
