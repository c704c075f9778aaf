import { ImageOffIcon } from "lucide-react";
import { useEffect, useState } from "react";
import type { LoadFile } from "../api/get-model";
import type { ViewerVersion } from "./viewer-types";

/** A file as an object URL, fetched as the model is (through the API client, or a shared link's header). */
function useObjectUrl(fileId: string | undefined, type: string, load: LoadFile) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!fileId) return;
    let revoked = false;
    let made: string | null = null;
    void load(fileId).then(
      (data) => {
        if (revoked) return;
        made = URL.createObjectURL(new Blob([data], { type }));
        setUrl(made);
      },
      () => undefined,
    );
    return () => {
      revoked = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [fileId, type, load]);
  return url;
}

/** The 2D drawing or the isometric PNG, when there is no 3D model to draw (or it would not load). */
export function PreviewFallback({
  version,
  load,
  message,
}: {
  version: ViewerVersion;
  load: LoadFile;
  message: string;
}) {
  const preview =
    version.files.find((f) => f.role === "model" && f.format === "svg") ??
    version.files.find((f) => f.role === "preview" && f.view === "iso");
  // An SVG shows in an <img> only with its media type.
  const url = useObjectUrl(preview?.file_id, preview?.role === "model" ? "image/svg+xml" : "image/png", load);
  return (
    <div className="flex size-full flex-col items-center justify-center gap-2 p-4 text-center text-sm text-muted-foreground">
      {url ? (
        <img
          src={url}
          alt={`Version ${version.number}, isometric view`}
          className="max-h-[85%] max-w-full object-contain"
        />
      ) : (
        <ImageOffIcon aria-hidden="true" className="size-6" />
      )}
      <p>{message}</p>
    </div>
  );
}
