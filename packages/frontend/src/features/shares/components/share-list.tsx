import { FORMAT_LABELS, type Share, type ShareStatus } from "@chat3d/shared";
import { Link2Icon } from "lucide-react";
import { useRef } from "react";
import { Link } from "react-router";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { ListPanel, ListToolbar } from "@/components/list/list-panel";
import { RevokeButton, useRevokeTarget, When } from "@/components/list/revocable";
import { Badge } from "@/components/ui/badge";
import { useShares } from "../api/get-shares";
import { useRevokeShare } from "../api/revoke-share";

const STATUS: Record<ShareStatus, { label: string; variant: "success" | "secondary" | "outline" }> = {
  active: { label: "Active", variant: "success" },
  expired: { label: "Expired", variant: "secondary" },
  revoked: { label: "Revoked", variant: "outline" },
};

function ShareRows({ items, chatHref }: { items: readonly Share[]; chatHref: (share: Share) => string }) {
  const revoke = useRevokeShare();
  const { target, open, setOpen, ask } = useRevokeTarget<Share>(revoke.reset);
  const listRef = useRef<HTMLUListElement>(null);
  return (
    <>
      <ul ref={listRef} tabIndex={-1} aria-label="Share links" className="divide-y outline-none">
        {items.map((share) => {
          const status = STATUS[share.status];
          const what = [share.include_code ? "code" : null, ...share.formats.map((f) => FORMAT_LABELS[f])].filter(
            Boolean,
          );
          return (
            <li key={share.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:flex-nowrap sm:px-6">
              <div className="min-w-0 flex-1 basis-full sm:basis-auto">
                <p className="truncate font-medium">
                  <Link to={chatHref(share)} className="hover:underline">
                    {share.chat_name}
                  </Link>{" "}
                  <span className="text-muted-foreground">· version {share.version_number}</span>
                </p>
                <p className="flex flex-wrap gap-x-1.5 text-xs text-muted-foreground">
                  <When label="Made" iso={share.created_at} />
                  <span aria-hidden="true">·</span>
                  {share.revoked_at ? (
                    <When label="revoked" iso={share.revoked_at} />
                  ) : share.expires_at ? (
                    <When
                      label={share.status === "expired" ? "expired" : "expires"}
                      iso={share.expires_at}
                      future={share.status === "active"}
                    />
                  ) : (
                    <span>never expires</span>
                  )}
                  <span aria-hidden="true">·</span>
                  <span>{what.length ? `with ${what.join(", ")}` : "model only"}</span>
                </p>
              </div>
              <Badge variant={status.variant}>{status.label}</Badge>
              <div className="ml-auto flex w-20 justify-end sm:ml-0">
                {share.status === "active" && (
                  <RevokeButton
                    label={`Revoke the link to ${share.chat_name}, version ${share.version_number}`}
                    onClick={() => ask(share)}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Revoke this link?"
        description="Anyone who opens it from now on is told it does not exist. You can make a new link later."
        confirmLabel="Revoke link"
        pendingLabel="Revoking…"
        tone="destructive"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          target &&
          revoke.mutate(target.id, {
            onSuccess: () => {
              setOpen(false);
              toast.success("Link revoked");
            },
          })
        }
        returnFocusTo={() => listRef.current}
      />
    </>
  );
}

/** The owner's share links, with whether each still opens; active ones can be revoked. */
function ShareList({ chatHref }: { chatHref: (share: Share) => string }) {
  const query = useShares();
  return (
    <ListPanel
      query={{ ...query, isPlaceholderData: false }}
      what="your share links"
      toolbar={
        <ListToolbar className="flex-row items-center justify-between">
          <h2 className="font-semibold">Share links</h2>
        </ListToolbar>
      }
      empty={() => ({
        icon: Link2Icon,
        title: "No share links yet",
        description: "Share a version from its model pane: the links you make show up here, to revoke any time.",
      })}
    >
      {(items) => items && <ShareRows items={items} chatHref={chatHref} />}
    </ListPanel>
  );
}

export { ShareList };
