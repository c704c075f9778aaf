import { FORMAT_LABELS, type Share } from "@chat3d/shared";
import { Link2Icon } from "lucide-react";
import { Link } from "react-router";
import { ListPanel, ListToolbar } from "@/components/list/list-panel";
import { LIFETIME_STATUS, LifetimeWhen, RevocableList, When } from "@/components/list/revocable";
import { useShares } from "../api/get-shares";
import { useRevokeShare } from "../api/revoke-share";

function ShareRows({ items, chatHref }: { items: readonly Share[]; chatHref: (share: Share) => string }) {
  return (
    <RevocableList
      label="Share links"
      items={items}
      revoke={useRevokeShare()}
      row={(share, ask) => {
        const what = [share.include_code ? "code" : null, ...share.formats.map((f) => FORMAT_LABELS[f])].filter(
          Boolean,
        );
        return {
          title: (
            <p className="truncate">
              <Link to={chatHref(share)} className="hover:underline">
                {share.chat_name}
              </Link>{" "}
              <span className="font-normal text-muted-foreground">· version {share.version_number}</span>
            </p>
          ),
          facts: [
            <When key="made" label="Made" iso={share.created_at} />,
            <LifetimeWhen key="lifetime" item={share} />,
            <span key="what">{what.length ? `with ${what.join(", ")}` : "model only"}</span>,
          ],
          badge: LIFETIME_STATUS[share.status],
          revoke:
            share.status === "active"
              ? { label: `Revoke the link to ${share.chat_name}, version ${share.version_number}`, onClick: ask }
              : undefined,
        };
      }}
      dialog={{
        title: () => "Revoke this link?",
        description: () => "Anyone who opens it from now on is told it does not exist. You can make a new link later.",
        confirmLabel: "Revoke link",
        done: () => "Link revoked",
      }}
    />
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
