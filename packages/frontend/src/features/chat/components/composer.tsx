import { CreateChatItemRequestSchema, type FaceReference } from "@chat3d/shared";
import { SendHorizontalIcon } from "lucide-react";
import { Field } from "@/components/form/field";
import { Form } from "@/components/form/form";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Chip } from "@/components/ui/chip";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { useSendMessage } from "../api/send-message";

/**
 * Where a person writes to the chat: Enter sends, Shift+Enter starts a new line. The text clears at once and
 * the message shows in the timeline while it is sent (and stays there with a retry if it fails).
 */
type ComposerProps = {
  chatId: string;
  /** Faces picked in the viewer: shown above the box, sent with the message, then cleared. */
  faces?: FaceReference[];
  onRemoveFace?: (face: FaceReference) => void;
  onSent?: () => void;
};

function FaceChips({ faces, onRemove }: { faces: FaceReference[]; onRemove?: (face: FaceReference) => void }) {
  return (
    <div role="list" aria-label="Faces sent with the message" className="mx-auto mb-2 flex max-w-3xl flex-wrap gap-1.5">
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

function Composer({ chatId, faces = [], onRemoveFace, onSent }: ComposerProps) {
  const send = useSendMessage(chatId);
  const form = useSchemaForm(CreateChatItemRequestSchema, { defaultValues: { text: "" } });

  return (
    <Form
      form={form}
      aria-label="Send a message"
      className="border-t bg-background/95 p-3"
      onSubmit={async ({ text }) => {
        form.reset({ text: "" });
        send.mutate({ text, faces });
        onSent?.();
      }}
    >
      {faces.length > 0 && <FaceChips faces={faces} onRemove={onRemoveFace} />}
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <Field
          name="text"
          label={<span className="sr-only">Message</span>}
          description={<span className="sr-only">Enter sends. Shift+Enter starts a new line.</span>}
          className="min-w-0 flex-1 gap-0 [&_[data-slot=form-field-error]]:mt-1"
        >
          <Textarea
            rows={1}
            placeholder="Describe a part…"
            className="max-h-48 min-h-10 resize-none py-2"
            onKeyDown={(event) => {
              if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }}
          />
        </Field>
        <Button type="submit" size="icon" aria-label="Send message" className="size-10">
          <SendHorizontalIcon aria-hidden="true" />
        </Button>
      </div>
    </Form>
  );
}

export { Composer };
