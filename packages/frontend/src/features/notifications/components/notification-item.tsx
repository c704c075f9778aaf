import type { Notification } from "@chat3d/shared";
import { BellIcon, KeyRoundIcon, type LucideIcon } from "lucide-react";
import { Link } from "react-router";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";
import { cn } from "@/lib/utils";
import { notificationContent } from "../utils/content";

// Types without an entry get the bell: new kinds of notification render before the UI knows them.
const icons: Record<string, LucideIcon> = {
  "account.password_reset_sent": KeyRoundIcon,
};

const itemClassName =
  "group/item flex w-full items-start gap-3 px-4 py-3 text-left outline-none transition-colors hover:bg-accent/60 focus-visible:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset";

type NotificationItemProps = {
  notification: Notification;
  now: number;
  onOpen: (notification: Notification) => void;
};

function NotificationItem({ notification, now, onOpen }: NotificationItemProps) {
  const { title, body, link } = notificationContent(notification);
  const unread = notification.read_at === null;
  const Icon = icons[notification.event_type] ?? BellIcon;

  const content = (
    <>
      <span
        className={cn(
          "mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full border [&_svg]:size-4",
          unread ? "border-primary/20 bg-primary/10 text-primary" : "bg-muted text-muted-foreground",
        )}
      >
        <Icon aria-hidden="true" />
      </span>
      <span className="min-w-0 flex-1 space-y-0.5">
        <span className={cn("block text-sm leading-snug", unread ? "font-semibold" : "font-medium text-foreground/80")}>
          {title}
        </span>
        {body && <span className="line-clamp-2 block text-sm text-muted-foreground">{body}</span>}
        <time
          dateTime={notification.created_at}
          title={formatDateTime(notification.created_at)}
          className="block pt-0.5 text-xs text-muted-foreground"
        >
          {formatRelativeTime(notification.created_at, now)}
        </time>
      </span>
      <span className="flex h-5 w-2 shrink-0 items-center">
        {unread && <span className="size-2 rounded-full bg-primary" aria-hidden="true" />}
      </span>
      {unread && <span className="sr-only">(unread)</span>}
    </>
  );

  const className = cn(itemClassName, unread && "bg-primary/[0.035] dark:bg-primary/[0.06]");
  const itemProps = { "data-notification-item": "", className, onClick: () => onOpen(notification) };

  return (
    <li>
      {link ? (
        <Link to={link} {...itemProps}>
          {content}
        </Link>
      ) : unread ? (
        <button type="button" {...itemProps}>
          {content}
        </button>
      ) : (
        // Read and leading nowhere: nothing left to do with it, so it is not a control.
        <div className={cn(className, "hover:bg-transparent")}>{content}</div>
      )}
    </li>
  );
}

export { NotificationItem };
