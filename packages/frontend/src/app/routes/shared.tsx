import { useLocation } from "react-router";
import { useAuth } from "@/features/auth/components/auth-provider";
import { SignUpLink } from "@/features/auth/components/sign-up-link";
import { SharedVersionPage, type SharedViewerProps } from "@/features/shares/components/shared-version-page";
import { LazyModelViewer } from "@/features/viewer/components/lazy-model-viewer";
import { tokenFromHash } from "@/lib/link-token";

// The link stays in the address bar: its secret is in the fragment, which no request carries, and a
// person reloads or bookmarks a shared model.
function SharedViewer({ version, loadFile }: SharedViewerProps) {
  return <LazyModelViewer version={version} loadFile={loadFile} />;
}

/** `/shared#token=…`: a read-only version for whoever holds the link, signed in or not. */
export function SharedRoute() {
  const { hash } = useLocation();
  const { user } = useAuth();
  return (
    <SharedVersionPage
      token={tokenFromHash(hash)}
      Viewer={SharedViewer}
      callToAction={<SignUpLink signedIn={Boolean(user)} size="default" className="w-full" />}
    />
  );
}
