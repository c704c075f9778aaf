import type { AccessToken } from "@chat3d/shared";
import { KeyRoundIcon } from "lucide-react";
import type * as React from "react";
import { ListPanel, ListToolbar } from "@/components/list/list-panel";
import { LIFETIME_STATUS, LifetimeWhen, RevocableList, When } from "@/components/list/revocable";
import { useAccessTokens, useRevokeAccessToken } from "../api/access-tokens";
import { SCOPE_LABELS } from "./token-scopes";

function TokenRows({ items, userId }: { items: readonly AccessToken[]; userId?: string }) {
  return (
    <RevocableList
      label="Access tokens"
      items={items}
      revoke={useRevokeAccessToken(userId)}
      row={(token, ask) => ({
        title: (
          <>
            <span className="truncate">{token.name}</span>
            <code className="shrink-0 text-xs font-normal text-muted-foreground">{token.prefix}…</code>
          </>
        ),
        facts: [
          <span key="scopes">{token.scopes.map((s) => SCOPE_LABELS[s].label).join(", ")}</span>,
          <When key="made" label="Made" iso={token.created_at} />,
          token.last_used_at ? (
            <When key="used" label="last used" iso={token.last_used_at} />
          ) : (
            <span key="used">never used</span>
          ),
          <LifetimeWhen key="lifetime" item={token} />,
        ],
        badge: LIFETIME_STATUS[token.status],
        revoke: token.status === "active" ? { label: `Revoke the token ${token.name}`, onClick: ask } : undefined,
      })}
      dialog={{
        title: (target) => (target ? `Revoke ${target.name}?` : "Revoke this token?"),
        description: () =>
          "Scripts and agents using it are refused from the next request on, on every server. You can make a new token later.",
        confirmLabel: "Revoke token",
        done: () => "Token revoked",
      }}
    />
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
