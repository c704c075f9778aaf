import {
  isAttachmentMediaType,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  type MessageAttachment,
  type StoredFile,
} from "@chat3d/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiClientError } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-provider";
import { deleteUpload, uploadFile } from "../api/upload-file";

export type Attachment = {
  key: string;
  name: string;
  /** A local preview of the picture, shown before (and after) it is uploaded. */
  previewUrl: string | null;
  status: "uploading" | "ready" | "failed";
  /** 0…1 while uploading. */
  progress: number;
  error?: string;
  /** Whether trying again can help (not for a file of the wrong type or size). */
  retryable: boolean;
  stored?: StoredFile;
  file: File;
};

function refusal(file: File, count: number): string | null {
  if (!isAttachmentMediaType(file.type)) return "Only PNG, JPEG or WebP images.";
  if (file.size > MAX_ATTACHMENT_BYTES) return `Larger than ${MAX_ATTACHMENT_BYTES / 2 ** 20} MB.`;
  if (count >= MAX_ATTACHMENTS) return `At most ${MAX_ATTACHMENTS} images per message.`;
  return null;
}

let nextKey = 0;

/**
 * The images a question will carry: each is uploaded as soon as it is added (with progress), can be removed
 * (an uploaded one is deleted again) and, once sent, belongs to the message.
 */
export function useAttachments() {
  const api = useApiClient();
  const [list, setList] = useState<Attachment[]>([]);
  const uploads = useRef(new Map<string, AbortController>());
  const current = useRef(list);
  useEffect(() => {
    current.current = list;
  }, [list]);

  const patch = useCallback((key: string, change: Partial<Attachment>) => {
    setList((items) => items.map((a) => (a.key === key ? { ...a, ...change } : a)));
  }, []);

  const upload = useCallback(
    (key: string, file: File) => {
      const controller = new AbortController();
      uploads.current.set(key, controller);
      patch(key, { status: "uploading", progress: 0, error: undefined });
      uploadFile(api, file, { signal: controller.signal, onProgress: (progress) => patch(key, { progress }) })
        .then((stored) => patch(key, { status: "ready", progress: 1, stored }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          const status = error instanceof ApiClientError ? error.status : 0;
          patch(key, {
            status: "failed",
            error: error instanceof Error ? error.message : "The upload failed.",
            // A refused type or size stays refused; a lost connection or a busy server may not.
            retryable: status !== 413 && status !== 415 && status !== 400,
          });
        })
        .finally(() => uploads.current.delete(key));
    },
    [api, patch],
  );

  const add = useCallback(
    (files: Iterable<File>) => {
      const added: Attachment[] = [];
      let count = current.current.filter((a) => a.status !== "failed").length;
      for (const file of files) {
        const problem = refusal(file, count);
        const attachment: Attachment = {
          key: `attachment-${++nextKey}`,
          name: file.name || "pasted image",
          previewUrl: problem ? null : URL.createObjectURL(file),
          status: problem ? "failed" : "uploading",
          progress: 0,
          error: problem ?? undefined,
          retryable: false,
          file,
        };
        if (!problem) count += 1;
        added.push(attachment);
      }
      setList((items) => [...items, ...added]);
      for (const a of added) if (a.status === "uploading") upload(a.key, a.file);
    },
    [upload],
  );

  const remove = useCallback(
    (key: string) => {
      const attachment = current.current.find((a) => a.key === key);
      uploads.current.get(key)?.abort();
      if (attachment?.previewUrl) URL.revokeObjectURL(attachment.previewUrl);
      // Not sent with anything: the upload is not worth keeping.
      if (attachment?.stored) void deleteUpload(api, attachment.stored.id).catch(() => undefined);
      setList((items) => items.filter((a) => a.key !== key));
    },
    [api],
  );

  const retry = useCallback(
    (key: string) => {
      const attachment = current.current.find((a) => a.key === key);
      if (attachment?.retryable) upload(key, attachment.file);
    },
    [upload],
  );

  /** After sending: the pictures now belong to the message, so they are only let go of here. */
  const clear = useCallback(() => {
    for (const a of current.current) if (a.previewUrl) URL.revokeObjectURL(a.previewUrl);
    setList([]);
  }, []);

  useEffect(() => {
    const controllers = uploads.current;
    return () => {
      for (const controller of controllers.values()) controller.abort();
    };
  }, []);

  const ready: MessageAttachment[] = list.flatMap((a) =>
    a.status === "ready" && a.stored
      ? [{ file_id: a.stored.id, content_type: a.stored.content_type, name: a.name }]
      : [],
  );
  return {
    list,
    ready,
    uploading: list.some((a) => a.status === "uploading"),
    failed: list.some((a) => a.status === "failed"),
    add,
    remove,
    retry,
    clear,
  };
}
