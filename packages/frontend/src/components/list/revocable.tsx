import { useState, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";

/** A past moment as "5 minutes ago"; one still to come (a link's expiry) as its date and time. */
function When({ label, iso, future = false }: { label: string; iso: string; future?: boolean }) {
  return (
    <span>
      {label}{" "}
      <time dateTime={iso} title={formatDateTime(iso)}>
        {future ? formatDateTime(iso) : formatRelativeTime(iso)}
      </time>
    </span>
  );
}

/** Which row's Revoke opened the confirmation; the row stays the target while the dialog closes. */
function useRevokeTarget<T>(reset: () => void) {
  const [target, setTarget] = useState<T | null>(null);
  const [open, setOpen] = useState(false);
  const ask = (item: T) => {
    reset();
    setTarget(item);
    setOpen(true);
  };
  return { target, open, setOpen, ask };
}

function RevokeButton({ label, onClick, ref }: { label: string; onClick: () => void; ref?: Ref<HTMLButtonElement> }) {
  return (
    <Button
      ref={ref}
      variant="ghost"
      size="sm"
      className="text-muted-foreground hover:text-destructive"
      aria-label={label}
      onClick={onClick}
    >
      Revoke
    </Button>
  );
}

export { RevokeButton, useRevokeTarget, When };
