import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApiClient } from "@/lib/api-client-provider";
import { cacheChat, updateChat } from "./update-chat";

export function useRenameChat() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => updateChat(api, id, { name }),
    onSuccess: (chat) => cacheChat(queryClient, chat),
  });
}
