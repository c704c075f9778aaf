import { Fragment, useRef, useState, type ReactNode, type Ref } from "react";
import type * as React from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Badge } from "@/components/ui/badge";
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

type Lifetime = { status: "active" | "expired" | "revoked"; expires_at: string | null; revoked_at: string | null };

/** Until when something that can expire or be revoked (a link, a token) works, or when it stopped. */
function LifetimeWhen({ item }: { item: Lifetime }) {
  if (item.revoked_at) return <When label="revoked" iso={item.revoked_at} />;
  if (!item.expires_at) return <span>never expires</span>;
  return (
    <When
      label={item.status === "expired" ? "expired" : "expires"}
      iso={item.expires_at}
      future={item.status === "active"}
    />
  );
}

export const LIFETIME_STATUS: Record<
  Lifetime["status"],
  { label: string; variant: "success" | "secondary" | "outline" }
> = {
  active: { label: "Active", variant: "success" },
  expired: { label: "Expired", variant: "secondary" },
  revoked: { label: "Revoked", variant: "outline" },
};

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

/** One row of a list of revocable things: what it is, a line of facts, its state, and Revoke while it can be. */
function RevocableRow({
  title,
  facts,
  badge,
  revoke,
}: {
  title: ReactNode;
  facts: ReactNode[];
  badge: { label: string; variant: React.ComponentProps<typeof Badge>["variant"]; muted?: boolean };
  revoke?: { label: string; onClick: () => void; ref?: Ref<HTMLButtonElement> };
}) {
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:flex-nowrap sm:px-6">
      <div className="min-w-0 flex-1 basis-full sm:basis-auto">
        <div className="flex min-w-0 items-baseline gap-2 font-medium">{title}</div>
        <p className="flex flex-wrap gap-x-1.5 text-xs text-muted-foreground">
          {facts.map((fact, i) => (
            <Fragment key={i}>
              {i > 0 && <span aria-hidden="true">·</span>}
              {fact}
            </Fragment>
          ))}
        </p>
      </div>
      <Badge variant={badge.variant} className={badge.muted ? "text-muted-foreground" : ""}>
        {badge.label}
      </Badge>
      <div className="ml-auto flex w-20 justify-end sm:ml-0">{revoke && <RevokeButton {...revoke} />}</div>
    </li>
  );
}

type RevokeMutation<R> = {
  mutate: (id: string, options: { onSuccess: (result: R) => void }) => void;
  isPending: boolean;
  error: unknown;
};

/** The confirmation a Revoke opens: on success it closes and says so. */
function RevokeDialog<T extends { id: string }, R>({
  state,
  revoke,
  title,
  description,
  confirmLabel,
  done,
  returnFocusTo,
}: {
  state: ReturnType<typeof useRevokeTarget<T>>;
  revoke: RevokeMutation<R>;
  title: (target: T | null) => string;
  description: (target: T | null) => ReactNode;
  confirmLabel: string;
  done: (result: R) => string;
  returnFocusTo: () => HTMLElement | null;
}) {
  const { target, open, setOpen } = state;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title={title(target)}
      description={description(target)}
      confirmLabel={confirmLabel}
      pendingLabel="Revoking…"
      tone="destructive"
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() =>
        target &&
        revoke.mutate(target.id, {
          onSuccess: (result) => {
            setOpen(false);
            toast.success(done(result));
          },
        })
      }
      returnFocusTo={returnFocusTo}
    />
  );
}

type RowProps = React.ComponentProps<typeof RevocableRow>;

/**
 * A list of revocable things with its confirmation: `row` says what each one shows given how to ask to
 * revoke it; `dialog` what the confirmation says. Focus returns to the list when a revoked row's button goes.
 */
function RevocableList<T extends { id: string }, R>({
  label,
  items,
  revoke,
  row,
  dialog,
}: {
  label: string;
  items: readonly T[];
  revoke: RevokeMutation<R> & { reset: () => void };
  row: (item: T, ask: () => void) => RowProps;
  dialog: Omit<React.ComponentProps<typeof RevokeDialog<T, R>>, "state" | "revoke" | "returnFocusTo">;
}) {
  const state = useRevokeTarget<T>(revoke.reset);
  const listRef = useRef<HTMLUListElement>(null);
  return (
    <>
      <ul ref={listRef} tabIndex={-1} aria-label={label} className="divide-y outline-none">
        {items.map((item) => (
          <RevocableRow key={item.id} {...row(item, () => state.ask(item))} />
        ))}
      </ul>
      <RevokeDialog {...dialog} state={state} revoke={revoke} returnFocusTo={() => listRef.current} />
    </>
  );
}

export { LifetimeWhen, RevocableList, RevocableRow, RevokeButton, RevokeDialog, useRevokeTarget, When };
