import { InvitationStatusSchema, type AdminInvitation } from "@chat3d/shared";
import { MailPlusIcon } from "lucide-react";
import { useCallback, useRef } from "react";
import { DataTable, type DataTableColumn } from "@/components/list/data-table";
import { FilterSelect } from "@/components/list/filter-select";
import { ListPanel, ListToolbar } from "@/components/list/list-panel";
import { RevokeButton, RevokeDialog, useRevokeTarget, When } from "@/components/list/revocable";
import { SearchInput } from "@/components/list/search-input";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { oneOf, useListParams } from "@/lib/use-list-params";
import { useAdminRevokeInvitation } from "../api/admin-revoke-invitation";
import { ADMIN_INVITATIONS_PAGE_SIZE, useAdminInvitations } from "../api/get-admin-invitations";
import { invitationStatus } from "../utils/status";

/** The filter's value in the address for every status (the default). */
const ALL = "all";
const statusOptions = [
  { value: ALL, label: "All statuses" },
  ...InvitationStatusSchema.options.map((value) => ({ value, label: invitationStatus[value].label })),
];

function StatusBadge({ invitation, className }: { invitation: AdminInvitation; className?: string }) {
  const status = invitationStatus[invitation.status];
  return (
    <Badge variant={status.variant} className={className}>
      {status.label}
    </Badge>
  );
}

const inviterName = (invitation: AdminInvitation) => invitation.inviter.display_name ?? invitation.inviter.email;

function columns(ask: (invitation: AdminInvitation) => void, triggers: Map<string, HTMLButtonElement>) {
  const list: DataTableColumn<AdminInvitation>[] = [
    {
      id: "invitee",
      header: "Invitee",
      cell: (invitation) => (
        <div className="min-w-0">
          <p className="truncate font-medium" title={invitation.invitee_email}>
            {invitation.invitee_email}
          </p>
          {/* The inviter and status columns are hidden on phones. */}
          <p className="truncate text-xs text-muted-foreground md:hidden">
            From {inviterName(invitation)} · <When label="sent" iso={invitation.created_at} />
          </p>
          <StatusBadge invitation={invitation} className="mt-1.5 sm:hidden" />
        </div>
      ),
      skeleton: "h-4 w-48 max-w-full",
    },
    {
      id: "inviter",
      header: "Invited by",
      className: "hidden w-56 md:table-cell",
      cell: (invitation) => (
        <div className="min-w-0">
          <p className="truncate">{inviterName(invitation)}</p>
          {invitation.inviter.display_name && (
            <p className="truncate text-xs text-muted-foreground">{invitation.inviter.email}</p>
          )}
        </div>
      ),
      skeleton: "h-4 w-36",
    },
    {
      id: "status",
      header: "Status",
      className: "hidden w-40 sm:table-cell",
      cell: (invitation) => <StatusBadge invitation={invitation} />,
      skeleton: "h-5 w-24",
    },
    {
      id: "sent",
      header: "Sent",
      className: "hidden w-32 text-muted-foreground lg:table-cell",
      cell: (invitation) => <When label="" iso={invitation.created_at} />,
    },
    {
      id: "updated",
      header: "Last change",
      className: "hidden w-32 text-muted-foreground xl:table-cell",
      cell: (invitation) =>
        invitation.updated_at === invitation.created_at ? "—" : <When label="" iso={invitation.updated_at} />,
    },
    {
      id: "actions",
      header: "Actions",
      headerHidden: true,
      className: "w-24 text-right",
      cell: (invitation) =>
        invitationStatus[invitation.status].open && (
          <RevokeButton
            label={`Revoke invitation to ${invitation.invitee_email}`}
            onClick={() => ask(invitation)}
            ref={(node) => {
              if (node) triggers.set(invitation.id, node);
              else triggers.delete(invitation.id);
            }}
          />
        ),
      skeleton: "ml-auto h-8 w-16",
    },
  ];
  return list;
}

/** Every invitation on the server, whoever sent it: search by invitee, filter by status, revoke open ones. */
function AdminInvitationsPanel() {
  const params = useListParams();
  const statusParam = params.get("status");
  const status = oneOf(statusParam, InvitationStatusSchema.options);
  const query = params.get("query");
  const invitations = useAdminInvitations({
    status,
    query: query || undefined,
    page: params.page,
    page_size: ADMIN_INVITATIONS_PAGE_SIZE,
  });
  const revoke = useAdminRevokeInvitation();
  const state = useRevokeTarget<AdminInvitation>(revoke.reset);
  const triggers = useRef(new Map<string, HTMLButtonElement>());
  const tableRef = useRef<HTMLTableElement>(null);

  const { update } = params;
  const commitQuery = useCallback((text: string) => update({ query: text }), [update]);
  const filtered = Boolean(query) || status !== undefined;

  return (
    <>
      <ListPanel
        query={invitations}
        what="the invitations"
        toolbar={
          <ListToolbar
            end={
              <FilterSelect
                label="Status"
                value={status ?? ALL}
                options={statusOptions}
                onValueChange={(value) => update({ status: value === ALL ? "" : value })}
                className="w-full sm:w-48"
              />
            }
          >
            <SearchInput
              value={query}
              onCommit={commitQuery}
              label="Search invitations"
              placeholder="Search by invitee email"
            />
          </ListToolbar>
        }
        empty={() => ({
          icon: MailPlusIcon,
          title: filtered ? "No invitations match" : "No invitations yet",
          description: query
            ? `No invitation was sent to an address matching “${query}”.`
            : filtered
              ? "No invitations have this status."
              : "Invitations people send from their profile appear here.",
          action: filtered && (
            <Button variant="outline" onClick={() => update({ query: "", status: "" })}>
              Show all invitations
            </Button>
          ),
        })}
        paging={{ pageSize: ADMIN_INVITATIONS_PAGE_SIZE, onPageChange: (page) => update({ page }, { push: true }) }}
      >
        {(rows, listState) => (
          <DataTable
            ref={tableRef}
            tabIndex={-1}
            label="Invitations"
            className="outline-none"
            columns={columns(state.ask, triggers.current)}
            rows={rows}
            rowKey={(invitation) => invitation.id}
            {...listState}
          />
        )}
      </ListPanel>
      <RevokeDialog
        state={state}
        revoke={revoke}
        title={(target) => (target ? `Revoke the invitation to ${target.invitee_email}?` : "Revoke invitation?")}
        description={(target) =>
          target ? `${inviterName(target)} is told it was revoked, and any sign-up link we emailed stops working.` : ""
        }
        confirmLabel="Revoke invitation"
        done={({ invitation }) => `Invitation to ${invitation.invitee_email} revoked`}
        // The row's button goes once revoked; the table keeps the focus nearby then.
        returnFocusTo={() => (state.target && triggers.current.get(state.target.id)) ?? tableRef.current}
      />
    </>
  );
}

export { AdminInvitationsPanel };
