import { BellIcon } from "lucide-react";
import { useRef, useState } from "react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { useUnreadCount } from "../api/get-unread-count";
import { formatUnreadBadge, notificationsLabel } from "../utils/format";
import { LiveStatus } from "./live-status";
import { NotificationPanel } from "./notification-panel";

/** Arrow keys, Home and End move between notifications; Tab still walks through the whole panel. */
function moveFocus(event: React.KeyboardEvent<HTMLElement>) {
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>("[data-notification-item]")];
  const index = items.indexOf(document.activeElement as HTMLElement);
  const target =
    event.key === "ArrowDown"
      ? items[Math.min(items.length - 1, index + 1)]
      : event.key === "ArrowUp"
        ? items[Math.max(0, index - 1)]
        : event.key === "Home"
          ? items[0]
          : event.key === "End"
            ? items.at(-1)
            : undefined;
  if (!target) return;
  event.preventDefault();
  target.focus();
}

function Bell() {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const unread = useUnreadCount().data?.unread_count ?? 0;

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={notificationsLabel(unread)} className="relative">
          <BellIcon />
          {unread > 0 && (
            <span
              aria-hidden="true"
              data-slot="notification-badge"
              className="absolute top-1 right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-primary px-1 text-[0.625rem] leading-none font-semibold text-primary-foreground tabular-nums ring-2 ring-background"
            >
              {formatUnreadBadge(unread)}
            </span>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverContent
        align="end"
        collisionPadding={8}
        aria-labelledby="notifications-title"
        ref={panel}
        tabIndex={-1}
        // The panel itself takes focus, so its name is announced and no button looks pressed; Tab or an arrow goes in.
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          panel.current?.focus();
        }}
        onKeyDown={moveFocus}
        className="flex max-h-[min(34rem,var(--radix-popover-content-available-height))] w-[min(24rem,calc(100vw-1rem))] flex-col overflow-hidden p-0 shadow-lg"
      >
        <NotificationPanel unreadCount={unread} onClose={() => setOpen(false)} />
      </PopoverContent>
    </Popover>
  );
}

/** The top bar's bell: unread count at a glance, the list on click. Only for someone signed in. */
function NotificationBell() {
  return (
    <>
      <LiveStatus />
      <Bell />
    </>
  );
}

export { NotificationBell };
