import type { FaceReference, MessageAttachment } from "@chat3d/shared";
import { CircleAlertIcon, ImageIcon, RotateCcwIcon, ScanIcon, XIcon } from "lucide-react";
import { Progress } from "@/components/ui/progress";
import { cn } from "@/lib/utils";
import type { Attachment } from "../hooks/use-attachments";

/** The composer's pictures: a thumbnail each, its upload's progress or error, and a way to remove it. */
export function AttachmentTray({
  attachments,
  onRemove,
  onRetry,
}: {
  attachments: Attachment[];
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
}) {
  if (!attachments.length) return null;
  return (
    <ul aria-label="Attached images" className="flex flex-wrap gap-2 pb-2">
      {attachments.map((a) => (
        <li
          key={a.key}
          className={cn(
            "relative flex w-40 items-center gap-2 rounded-md border bg-card p-1.5 pr-7 text-xs shadow-xs",
            a.status === "failed" && "border-destructive/40 bg-destructive/5",
          )}
        >
          <div className="flex size-10 shrink-0 items-center justify-center overflow-hidden rounded bg-muted">
            {a.previewUrl ? (
              <img src={a.previewUrl} alt="" className="size-full object-cover" />
            ) : (
              <ImageIcon aria-hidden="true" className="size-4 text-muted-foreground" />
            )}
          </div>
          <div className="min-w-0 flex-1 space-y-1">
            <p className="truncate font-medium" title={a.name}>
              {a.name}
            </p>
            {a.status === "uploading" ? (
              <Progress value={Math.round(a.progress * 100)} aria-label={`Uploading ${a.name}`} className="h-1" />
            ) : a.status === "failed" ? (
              <p role="alert" className="flex items-center gap-1 text-destructive">
                <span className="truncate" title={a.error}>
                  {a.error}
                </span>
                {a.retryable && (
                  <button
                    type="button"
                    onClick={() => onRetry(a.key)}
                    aria-label={`Upload ${a.name} again`}
                    className="shrink-0 rounded p-0.5 outline-none hover:bg-destructive/10 focus-visible:ring-2 focus-visible:ring-ring/50"
                  >
                    <RotateCcwIcon aria-hidden="true" className="size-3" />
                  </button>
                )}
              </p>
            ) : (
              <p className="text-muted-foreground">Ready</p>
            )}
          </div>
          <button
            type="button"
            onClick={() => onRemove(a.key)}
            aria-label={`Remove ${a.name}`}
            className="absolute top-1 right-1 rounded p-1 text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50"
          >
            <XIcon aria-hidden="true" className="size-3.5" />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The pictures a sent question carried. */
export function MessageAttachments({
  attachments,
  fileUrl,
}: {
  attachments: MessageAttachment[];
  fileUrl: (fileId: string) => string;
}) {
  if (!attachments.length) return null;
  return (
    <ul aria-label="Images sent" className="mt-1.5 flex flex-wrap justify-end gap-1.5">
      {attachments.map((a) => (
        <li key={a.file_id}>
          <a
            href={fileUrl(a.file_id)}
            target="_blank"
            rel="noreferrer"
            className="block size-20 overflow-hidden rounded-md border bg-muted outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <img src={fileUrl(a.file_id)} alt={a.name} loading="lazy" className="size-full object-cover" />
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The faces a sent question pointed at in the viewer. */
export function MessageFaces({ faces }: { faces: FaceReference[] }) {
  if (!faces.length) return null;
  return (
    <ul aria-label="Faces pointed at" className="mt-1.5 flex flex-wrap justify-end gap-1.5">
      {faces.map((face) => (
        <li
          key={`${face.version_id}-${face.index}`}
          className="flex items-center gap-1 rounded-full border bg-background px-2 py-0.5 text-xs"
        >
          <ScanIcon aria-hidden="true" className="size-3 text-primary" />
          {face.label}
        </li>
      ))}
    </ul>
  );
}

/** Why a question cannot go with its pictures, beside the send button. */
export function VisionNotice({ model, alternatives }: { model: string; alternatives: string[] }) {
  return (
    <p id="vision-notice" className="flex items-start gap-1.5 pb-2 text-xs text-destructive">
      <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
      <span>
        {model} can't read images.{" "}
        {alternatives.length
          ? `Choose a model that can (${alternatives.join(", ")}), or remove the pictures.`
          : "No configured model can; remove the pictures to send."}
      </span>
    </p>
  );
}
