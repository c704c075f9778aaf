import type { QueryClient } from "@tanstack/react-query";
import { updateCachedNotifications } from "./get-notifications";
import { getCachedUnreadCount, setCachedUnreadCount } from "./get-unread-count";
import { notificationsKey } from "./notifications-key";

/**
 * Shows notifications as read before the server confirms, and returns how to undo exactly that: a
 * notification pushed meanwhile survives the undo, which restoring a snapshot would lose.
 */
export async function markReadOptimistically(queryClient: QueryClient, which: { id: string } | "all") {
  await queryClient.cancelQueries({ queryKey: notificationsKey });
  const readAt = new Date().toISOString();
  const marked = new Set<string>();
  updateCachedNotifications(queryClient, (notification) => {
    if (notification.read_at !== null || (which !== "all" && notification.id !== which.id)) return notification;
    marked.add(notification.id);
    return { ...notification, read_at: readAt };
  });
  const unreadBefore = getCachedUnreadCount(queryClient)?.unread_count ?? 0;
  const cleared = which === "all" ? unreadBefore : marked.size;
  setCachedUnreadCount(queryClient, (count) => count - cleared);

  return function undo() {
    updateCachedNotifications(queryClient, (notification) =>
      marked.has(notification.id) ? { ...notification, read_at: null } : notification,
    );
    setCachedUnreadCount(queryClient, (count) => count + cleared);
  };
}
