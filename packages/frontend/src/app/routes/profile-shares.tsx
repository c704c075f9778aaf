import { ShareList } from "@/features/shares/components/share-list";

export function ProfileSharesRoute() {
  return (
    <>
      <title>Share links · Profile · Chat3D</title>
      <ShareList chatHref={(share) => `/chat/${share.chat_context_id}/versions/${share.version_id}`} />
    </>
  );
}
