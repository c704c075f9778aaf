import { useState } from "react";
import { Navigate, useLocation, useNavigate, useParams } from "react-router";
import { LoadingRegion } from "@/components/ui/loading-region";
import { Skeleton } from "@/components/ui/skeleton";
import { RequireAuth } from "@/features/auth/components/guards";
import { useChats } from "@/features/chat/api/get-chats";
import { chatHref, ChatWorkspace } from "@/features/chat/components/chat-workspace";
import { ShareVersionButton } from "@/features/shares/components/share-dialog";
import { LazyModelViewer } from "@/features/viewer/components/lazy-model-viewer";

// The 3D viewer shows the model pane's version; three.js loads with it, not with the workspace.
const Viewer = LazyModelViewer;

function WorkspaceSkeleton() {
  return (
    <LoadingRegion label="Loading your workspace…" className="flex h-[calc(100dvh-3.5rem)]">
      <div className="hidden w-72 flex-col gap-3 border-r p-3 min-[900px]:flex">
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-9 w-full" />
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-12 w-full" />
        ))}
      </div>
      <div className="flex flex-1 flex-col justify-end gap-4 p-4">
        <Skeleton className="ml-auto h-12 w-1/2 rounded-2xl" />
        <Skeleton className="h-20 w-2/3 rounded-lg" />
        <Skeleton className="h-10 w-full" />
      </div>
    </LoadingRegion>
  );
}

/** `/chat`: the most recent chat, or the welcome screen for someone who has none. */
function MostRecentChat() {
  const chats = useChats();
  // Decided once, when the list first arrives: a chat started from the welcome screen makes its own way there.
  const [first, setFirst] = useState<string | null | undefined>(undefined);
  if (first === undefined && chats.data) setFirst(chats.data.pages[0]?.items[0]?.id ?? null);
  if (first) return <Navigate to={chatHref(first)} replace />;
  if (first === undefined && !chats.error) return <WorkspaceSkeleton />;
  return <ChatWorkspace Viewer={Viewer} VersionActions={ShareVersionButton} />;
}

export function ChatIndexRoute() {
  return (
    <RequireAuth>
      <title>Workspace · Chat3D</title>
      <MostRecentChat />
    </RequireAuth>
  );
}

/** `/chat/:chatId` and `/chat/:chatId/versions/:versionId`: a chat, showing its current or the named version. */
export function ChatRoute() {
  const { chatId, versionId } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const state = location.state as { starter?: string; message?: string } | null;
  return (
    <RequireAuth>
      <ChatWorkspace
        chatId={chatId}
        versionId={versionId}
        initialCode={state?.starter}
        initialMessage={state?.message}
        onInitialMessageSent={() => void navigate(location.pathname, { replace: true, state: null })}
        Viewer={Viewer}
        VersionActions={ShareVersionButton}
      />
    </RequireAuth>
  );
}
