import { CircleAlertIcon, XIcon } from "lucide-react";
import { useRef, useState } from "react";
import type * as React from "react";
import { cn } from "@/lib/utils";
import { addAddresses, splitAddresses, type AddressChip } from "../utils/parse-emails";

type EmailChipsInputProps = {
  id: string;
  chips: readonly AddressChip[];
  onChipsChange: (chips: AddressChip[]) => void;
  /** Ids of the description and messages that explain the field. */
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
  /** The text box, for the form to focus when the field needs fixing. */
  inputRef?: (node: HTMLInputElement | null) => void;
};

const SEPARATOR_KEYS = new Set([",", ";", " ", "Enter", "Tab"]);

function Chip({
  chip,
  disabled,
  onRemove,
  onEdit,
}: {
  chip: AddressChip;
  disabled?: boolean;
  onRemove: () => void;
  onEdit: () => void;
}) {
  const invalid = chip.error !== null;
  return (
    <li
      className={cn(
        "flex h-7 max-w-full min-w-0 items-center gap-1 rounded-md border pr-0.5 pl-2 text-sm",
        invalid ? "border-destructive/40 bg-destructive/10 text-destructive" : "border-transparent bg-secondary",
      )}
    >
      {invalid && <CircleAlertIcon aria-hidden="true" className="size-3.5 shrink-0" />}
      {invalid ? (
        <button
          type="button"
          disabled={disabled}
          onClick={onEdit}
          title={chip.error ?? undefined}
          aria-label={`Edit ${chip.text}: ${chip.error}`}
          className="truncate rounded-sm underline decoration-dotted underline-offset-4 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          {chip.text}
        </button>
      ) : (
        <span className="truncate">{chip.email}</span>
      )}
      <button
        type="button"
        disabled={disabled}
        onClick={onRemove}
        aria-label={`Remove ${chip.text}`}
        className="flex size-6 shrink-0 items-center justify-center rounded-sm text-muted-foreground outline-none hover:bg-background/80 hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:pointer-events-none"
      >
        <XIcon aria-hidden="true" className="size-3.5" />
      </button>
    </li>
  );
}

function describeChange(added: number, duplicates: number) {
  const parts = [];
  if (added > 0) parts.push(`Added ${added} ${added === 1 ? "address" : "addresses"}.`);
  if (duplicates > 0) parts.push(`Skipped ${duplicates} already in the list.`);
  return parts.join(" ");
}

/**
 * Addresses as chips: type and press comma, space or Enter, or paste a whole list. Each chip is checked
 * with the shared email schema; one that fails can be edited back into the text box.
 */
function EmailChipsInput({
  id,
  chips,
  onChipsChange,
  describedBy,
  invalid,
  disabled,
  inputRef: outerRef,
}: EmailChipsInputProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState("");
  const [announcement, setAnnouncement] = useState("");

  const add = (text: string) => {
    const texts = splitAddresses(text);
    if (texts.length === 0) return;
    const result = addAddresses(chips, texts);
    onChipsChange(result.chips);
    setAnnouncement(describeChange(result.added, result.duplicates));
  };

  const commitDraft = () => {
    add(draft);
    setDraft("");
  };

  const remove = (index: number) => {
    const chip = chips[index];
    onChipsChange(chips.filter((_, other) => other !== index));
    if (chip) setAnnouncement(`Removed ${chip.text}.`);
    inputRef.current?.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (SEPARATOR_KEYS.has(event.key) && draft.trim() !== "") {
      // Tab still moves on after committing; the other separators only commit.
      if (event.key !== "Tab") event.preventDefault();
      commitDraft();
      return;
    }
    if (event.key === "Backspace" && draft === "" && chips.length > 0) {
      event.preventDefault();
      remove(chips.length - 1);
    }
  };

  return (
    <div
      data-slot="email-chips-input"
      aria-invalid={invalid || undefined}
      aria-disabled={disabled || undefined}
      onClick={(event) => {
        if (event.target === event.currentTarget) inputRef.current?.focus();
      }}
      className={cn(
        "flex min-h-24 w-full cursor-text flex-wrap content-start items-start gap-1.5 rounded-md border border-input bg-transparent p-1.5 shadow-xs transition-[color,box-shadow] dark:bg-input/30",
        "focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50",
        "aria-invalid:border-destructive aria-invalid:ring-destructive/20 dark:aria-invalid:ring-destructive/40",
        "aria-disabled:cursor-not-allowed aria-disabled:opacity-50",
      )}
    >
      {chips.length > 0 && (
        <ul aria-label="Addresses to invite" className="contents">
          {chips.map((chip, index) => (
            <Chip
              key={chip.key}
              chip={chip}
              disabled={disabled}
              onRemove={() => remove(index)}
              onEdit={() => {
                onChipsChange(chips.filter((_, other) => other !== index));
                setDraft(chip.text);
                inputRef.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
      <input
        ref={(node) => {
          inputRef.current = node;
          outerRef?.(node);
        }}
        id={id}
        type="text"
        inputMode="email"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        value={draft}
        placeholder={chips.length === 0 ? "grace@example.com, linus@example.com" : "Add more…"}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commitDraft}
        onPaste={(event) => {
          const text = event.clipboardData.getData("text");
          if (!/[\s,;<]/.test(text)) return;
          event.preventDefault();
          add(`${draft} ${text}`);
          setDraft("");
        }}
        className="h-7 min-w-40 flex-1 bg-transparent px-1.5 text-base outline-none placeholder:text-muted-foreground disabled:cursor-not-allowed md:text-sm"
      />
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

export { EmailChipsInput };
