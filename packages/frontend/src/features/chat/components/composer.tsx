import {
  ATTACHMENT_MEDIA_TYPES,
  CreateChatItemRequestSchema,
  type ChatContext,
  type FaceReference,
} from "@chat3d/shared";
import { ImagePlusIcon, InfoIcon, SendHorizontalIcon } from "lucide-react";
import { useId, useRef, useState } from "react";
import type * as React from "react";
import { Field } from "@/components/form/field";
import { Form } from "@/components/form/form";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { Textarea } from "@/components/ui/textarea";
import { useChooseModels } from "../api/update-chat";
import { useAttachments } from "../hooks/use-attachments";
import { useSendToChat } from "../hooks/use-send-to-chat";
import { AttachmentTray, VisionNotice } from "./attachments";
import { ModelPicker } from "./model-picker";

const NO_PROVIDER_HINT =
  "No language model is configured. An administrator can set ANTHROPIC_API_KEY, OPENAI_API_KEY, XAI_API_KEY or OLLAMA_BASE_URL (see Configuration in the README).";

type ComposerProps = {
  chatId: string;
  /** The open chat, for its model choice; undefined while it loads. */
  chat: ChatContext | undefined;
  /** Faces picked in the viewer, sent with the next question (the viewer shows and clears them). */
  faces?: FaceReference[];
  /** A chip's remove button: the face stays picked in the viewer no longer. */
  onRemoveFace?: (face: FaceReference) => void;
  /** The question went: whatever the composer was handed for it (the faces) can be let go of. */
  onSent?: () => void;
};

function FaceChips({ faces, onRemove }: { faces: FaceReference[]; onRemove?: (face: FaceReference) => void }) {
  return (
    <div role="list" aria-label="Faces sent with the message" className="mb-2 flex flex-wrap gap-1.5">
      {faces.map((face) => (
        <Chip
          key={`${face.version_id}-${face.index}`}
          removeLabel={`Don't send face ${face.index}`}
          onRemove={() => onRemove?.(face)}
        >
          <span className="text-muted-foreground">#{face.index}</span> {face.label}
        </Chip>
      ))}
    </div>
  );
}

/** Without a language model the composer says how to get one; messages still land in the chat as notes. */
function NoProviderNotice({ hint }: { hint: string | null }) {
  return (
    <div
      role="note"
      aria-label="AI not configured"
      className="mb-2 flex gap-2 rounded-md border bg-muted/40 px-3 py-2 text-xs text-muted-foreground"
    >
      <InfoIcon aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
      <p>
        {/* The server's words: which variables to set, or why the configured provider gives no models. */}
        {hint ?? NO_PROVIDER_HINT} Meanwhile, messages are kept as notes.
      </p>
    </div>
  );
}

/** Enter sends the text field's form; Shift+Enter (and Enter while an input method composes) is a new line. */
export function sendOnEnter(event: React.KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
  event.preventDefault();
  event.currentTarget.form?.requestSubmit();
}

/**
 * Where a person writes to the chat: Enter sends, Shift+Enter starts a new line. With a language model
 * configured a message is a question for the AI (with pictures dropped, pasted or picked, and faces from the
 * viewer); without one it is kept as a note. The text clears at once and the message shows in the timeline
 * while it is sent (and stays there with a retry if it fails).
 */
function Composer({ chatId, chat, faces = [], onRemoveFace, onSent }: ComposerProps) {
  const { models, list, ai, choice, send } = useSendToChat(chatId, chat);
  const choose = useChooseModels(chatId);
  const attachments = useAttachments();
  const form = useSchemaForm(CreateChatItemRequestSchema, { defaultValues: { text: "" } });
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const blockedId = useId();

  const blind = Boolean(attachments.list.length && choice?.conversation && !choice.conversation.accepts_images);
  const seeing = ai?.models.filter((m) => m.roles.includes("conversation") && m.accepts_images) ?? [];
  const blocked = blind
    ? "Can't send: the chat model can't read images."
    : attachments.uploading
      ? "Wait until the images have uploaded."
      : attachments.failed
        ? "Remove the images that could not be attached."
        : null;

  const addFiles = (files: FileList | File[] | null | undefined) => {
    // Every file is taken: one of the wrong type shows why it cannot go, rather than vanishing.
    const taken = [...(files ?? [])];
    if (taken.length) attachments.add(taken);
    return taken.length > 0;
  };
  const dropHandlers: Pick<React.ComponentProps<"form">, "onDragOver" | "onDragLeave" | "onDrop"> = ai
    ? {
        onDragOver: (event) => {
          if (!event.dataTransfer.types.includes("Files")) return;
          event.preventDefault();
          setDragging(true);
        },
        onDragLeave: (event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop: (event) => {
          if (!event.dataTransfer.files.length) return;
          event.preventDefault();
          setDragging(false);
          addFiles(event.dataTransfer.files);
        },
      }
    : {};

  return (
    <Form
      form={form}
      aria-label="Send a message"
      className="relative border-t bg-background/95 p-3"
      {...dropHandlers}
      onSubmit={async ({ text }) => {
        if (ai && blocked) return;
        form.reset({ text: "" });
        send(text, { attachments: attachments.ready, faces });
        attachments.clear();
        onSent?.();
      }}
    >
      <div className="mx-auto max-w-3xl">
        {list && !ai && <NoProviderNotice hint={list.hint} />}
        {faces.length > 0 && <FaceChips faces={faces} onRemove={onRemoveFace} />}
        <AttachmentTray attachments={attachments.list} onRemove={attachments.remove} onRetry={attachments.retry} />
        {blind && choice?.conversation && (
          <VisionNotice model={choice.conversation.label} alternatives={seeing.map((m) => m.label)} />
        )}
        <div className="flex items-end gap-2">
          {ai && (
            <>
              <input
                ref={fileInput}
                type="file"
                accept={ATTACHMENT_MEDIA_TYPES.join(",")}
                multiple
                hidden
                onChange={(event) => {
                  addFiles(event.target.files);
                  event.target.value = "";
                }}
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                className="size-10 shrink-0 text-muted-foreground"
                aria-label="Attach images"
                title="Attach a sketch or photo (PNG, JPEG, WebP) — or drop or paste it"
                onClick={() => fileInput.current?.click()}
              >
                <ImagePlusIcon aria-hidden="true" />
              </Button>
            </>
          )}
          <Field
            name="text"
            label={<span className="sr-only">Message</span>}
            description={<span className="sr-only">Enter sends. Shift+Enter starts a new line.</span>}
            className="min-w-0 flex-1 gap-0 [&_[data-slot=form-field-error]]:mt-1"
          >
            <Textarea
              rows={1}
              placeholder={ai ? "Describe a part or a change…" : "Write a note…"}
              className="max-h-48 min-h-10 resize-none py-2"
              onPaste={(event) => {
                if (ai && addFiles(event.clipboardData.files)) event.preventDefault();
              }}
              onKeyDown={sendOnEnter}
            />
          </Field>
          <Button
            type="submit"
            size="icon"
            aria-label="Send message"
            className="size-10 shrink-0"
            disabled={Boolean(blocked) || (models.isPending && !models.error)}
            aria-describedby={blocked ? blockedId : undefined}
          >
            <SendHorizontalIcon aria-hidden="true" />
          </Button>
        </div>
        {blocked && (
          <span id={blockedId} className="sr-only">
            {blocked}
          </span>
        )}
        {/* Reserved while the list loads, so the composer does not grow under the cursor. */}
        {(ai || models.isPending) && (
          <div className="mt-1.5 flex min-h-7 items-center">
            {ai && choice && (
              <ModelPicker
                list={ai}
                choice={choice}
                disabled={choose.isPending}
                onChange={(role, id) =>
                  choose.mutate(role === "conversation" ? { conversation_model_id: id } : { codegen_model_id: id })
                }
              />
            )}
          </div>
        )}
      </div>
      {dragging && (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-1 flex items-center justify-center rounded-lg border-2 border-dashed border-primary bg-background/90 text-sm font-medium text-primary"
        >
          Drop images to attach them
        </div>
      )}
    </Form>
  );
}

export { Composer };
