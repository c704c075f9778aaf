import { useParams, useSearchParams } from "react-router";
import { RequireAuth } from "@/features/auth/components/guards";
import { chatHref } from "@/features/chat/components/chat-workspace";
import { VersionCompare } from "@/features/chat/components/version-compare";
import { LazyModelViewer } from "@/features/viewer/components/lazy-model-viewer";

/** `/chat/:chatId/compare?a=&b=`: two versions of a chat side by side; the picks stay in the address. */
export function ChatCompareRoute() {
  const { chatId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  return (
    <RequireAuth>
      <VersionCompare
        chatId={chatId}
        a={params.get("a") ?? undefined}
        b={params.get("b") ?? undefined}
        onChange={(a, b) => setParams({ a, b }, { replace: true })}
        backHref={chatHref(chatId)}
        Viewer={LazyModelViewer}
      />
    </RequireAuth>
  );
}
