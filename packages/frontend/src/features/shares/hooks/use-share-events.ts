import { useQueryClient } from "@tanstack/react-query";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { mergeShare } from "../api/get-shares";

/** Links made or revoked in another tab (or device) show in this one's list. */
export function useShareEvents() {
  const queryClient = useQueryClient();
  useServerEvent("share.updated", ({ share }) => mergeShare(queryClient, share));
}
