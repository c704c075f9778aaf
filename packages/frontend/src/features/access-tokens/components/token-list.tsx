import type { AccessToken } from "@chat3d/shared";
import { KeyRoundIcon } from "lucide-react";
import { useRef } from "react";
import type * as React from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { ListPanel, ListToolbar } from "@/components/list/list-panel";
import { RevokeButton, useRevokeTarget, When } from "@/components/list/revocable";
import { Badge } from "@/components/ui/badge";
import { useAccessTokens, useRevokeAccessToken } from "../api/access-tokens";
import { SCOPE_LABELS } from "./token-scopes";

const STATUS: Record<AccessToken["status"], { label: string; variant: "success" | "secondary" | "outline" }> = {
  active: { label: "Active", variant: "success" },
  expired: { label: "Expired", variant: "secondary" },
  revoked: { label: "Revoked", variant: "outline" },
};

function TokenRows({ items, userId }: { items: readonly AccessToken[]; userId?: string }) {
  const revoke = useRevokeAccessToken(userId);
  const { target, open, setOpen, ask } = useRevokeTarget<AccessToken>(revoke.reset);
  const listRef = useRef<HTMLUListElement>(null);
  return (
    <>
      <ul ref={listRef} tabIndex={-1} aria-label="Access tokens" className="divide-y outline-none">
        {items.map((token) => {
          const status = STATUS[token.status];
          return (
            <li key={token.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:flex-nowrap sm:px-6">
              <div className="min-w-0 flex-1 basis-full sm:basis-auto">
                <p className="flex min-w-0 items-baseline gap-2">
                  <span className="truncate font-medium">{token.name}</span>
                  <code className="shrink-0 text-xs text-muted-foreground">{token.prefix}…</code>
                </p>
                <p className="flex flex-wrap gap-x-1.5 text-xs text-muted-foreground">
                  <span>{token.scopes.map((s) => SCOPE_LABELS[s].label).join(", ")}</span>
                  <span aria-hidden="true">·</span>
                  <When label="Made" iso={token.created_at} />
                  <span aria-hidden="true">·</span>
                  {token.last_used_at ? <When label="last used" iso={token.last_used_at} /> : <span>never used</span>}
                  <span aria-hidden="true">·</span>
                  {token.revoked_at ? (
                    <When label="revoked" iso={token.revoked_at} />
                  ) : token.expires_at ? (
                    <When
                      label={token.status === "expired" ? "expired" : "expires"}
                      iso={token.expires_at}
                      future={token.status === "active"}
                    />
                  ) : (
                    <span>never expires</span>
                  )}
                </p>
              </div>
              <Badge variant={status.variant}>{status.label}</Badge>
              <div className="ml-auto flex w-20 justify-end sm:ml-0">
                {token.status === "active" && (
                  <RevokeButton label={`Revoke the token ${token.name}`} onClick={() => ask(token)} />
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={target ? `Revoke ${target.name}?` : "Revoke this token?"}
        description="Scripts and agents using it are refused from the next request on, on every server. You can make a new token later."
        confirmLabel="Revoke token"
        pendingLabel="Revoking…"
        tone="destructive"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          target &&
          revoke.mutate(target.id, {
            onSuccess: () => {
              setOpen(false);
              toast.success("Token revoked");
            },
          })
        }
        returnFocusTo={() => listRef.current}
      />
    </>
  );
}

/** Tokens with whether each still works; active ones can be revoked. `userId`: an admin's view of a person's. */
function TokenList({ userId, action }: { userId?: string; action?: React.ReactNode }) {
  const query = useAccessTokens(userId);
  return (
    <ListPanel
      query={{ ...query, data: query.data && { items: query.data.tokens }, isPlaceholderData: false }}
      what="access tokens"
      toolbar={
        <ListToolbar className="flex-row items-center justify-between">
          <h2 className="font-semibold">Access tokens</h2>
          {action}
        </ListToolbar>
      }
      empty={() => ({
        icon: KeyRoundIcon,
        title: "No access tokens yet",
        description: userId
          ? "This person has not made any access tokens."
          : "Make one to use Chat3D from a script, the CLI or an agent such as Claude Desktop (MCP).",
      })}
    >
      {(items) => items && <TokenRows items={items} userId={userId} />}
    </ListPanel>
  );
}

export { TokenList };
