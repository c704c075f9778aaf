import { UserRoleSchema, UserStatusSchema, type AdminUser, type AdminUserListItem } from "@chat3d/shared";
import { ShieldIcon, UsersIcon } from "lucide-react";
import { useCallback, useState } from "react";
import { DataTable, type DataTableColumn } from "@/components/list/data-table";
import { FilterSelect } from "@/components/list/filter-select";
import { ListPanel, ListToolbar } from "@/components/list/list-panel";
import { SearchInput } from "@/components/list/search-input";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/format-time";
import { oneOf, useListParams } from "@/lib/use-list-params";
import { USERS_PAGE_SIZE, useUsers } from "../api/get-users";
import { UserActionDialog, type PendingAction } from "./user-action-dialog";
import { UserActions, type UserAction } from "./user-actions";
import { AccountStatusBadge, RoleBadge, statusLabels } from "./user-badges";
import { formatNumber, formatUsd } from "@/lib/format-number";

const ROLES = UserRoleSchema.options;
const STATUSES = UserStatusSchema.options;
const joinedFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

function UserAvatar({ user }: { user: AdminUser }) {
  return (
    <span
      aria-hidden="true"
      className="flex size-8 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold text-muted-foreground"
    >
      {(user.display_name?.trim() || user.email).charAt(0).toUpperCase()}
    </span>
  );
}

function UserIdentity({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <UserAvatar user={user} />
      <div className="flex min-h-9 min-w-0 flex-col justify-center">
        <div className="flex min-w-0 items-center gap-1.5">
          <span className="truncate font-medium">{user.display_name || user.email}</span>
          {isSelf && (
            <Badge variant="outline" className="px-1.5 py-0 text-[0.6875rem]">
              You
            </Badge>
          )}
          {/* The role column is hidden on narrow screens; admins stay recognisable. */}
          {user.role === "admin" && (
            <ShieldIcon role="img" aria-label="Admin" className="size-3.5 shrink-0 text-primary md:hidden" />
          )}
        </div>
        {user.display_name && <div className="truncate text-xs text-muted-foreground">{user.email}</div>}
      </div>
    </div>
  );
}

function describeFilters(query: string, role?: string, status?: string) {
  const parts = [
    query && `“${query}”`,
    role && (role === "admin" ? "admins" : "users"),
    status && statusLabels[status as keyof typeof statusLabels].toLowerCase(),
  ].filter(Boolean);
  return parts.join(", ");
}

const roleOptions = [
  { value: "", label: "All roles" },
  { value: "admin", label: "Admins" },
  { value: "user", label: "Users" },
];
const statusOptions = [
  { value: "", label: "All statuses" },
  ...STATUSES.map((value) => ({ value, label: statusLabels[value] })),
];

function userColumns(
  currentUserId: string | null,
  onAction: (user: AdminUser, action: UserAction) => void,
): DataTableColumn<AdminUserListItem>[] {
  return [
    {
      id: "user",
      header: "User",
      cell: (user) => <UserIdentity user={user} isSelf={user.id === currentUserId} />,
      skeletonCell: (
        <div className="flex items-center gap-3">
          <Skeleton className="size-8 rounded-full" />
          <div className="space-y-1.5">
            <Skeleton className="h-3.5 w-32" />
            <Skeleton className="h-3 w-44" />
          </div>
        </div>
      ),
    },
    {
      id: "role",
      header: "Role",
      className: "hidden w-28 md:table-cell",
      cell: (user) => <RoleBadge role={user.role} />,
      skeleton: "h-5 w-12",
    },
    {
      id: "status",
      header: "Status",
      className: "w-28 sm:w-32",
      cell: (user) => <AccountStatusBadge user={user} />,
      skeleton: "h-5 w-16",
    },
    {
      id: "usage",
      header: "This month",
      className: "hidden w-40 md:table-cell",
      cell: ({ usage }) => (
        <span className="text-sm tabular-nums">
          {formatNumber(usage.queries_this_month)} {usage.queries_this_month === 1 ? "question" : "questions"}
          <span className="block text-xs text-muted-foreground">
            {formatNumber(usage.renders_this_month)} {usage.renders_this_month === 1 ? "render" : "renders"}
          </span>
        </span>
      ),
      skeleton: "h-3.5 w-24",
    },
    {
      id: "spend",
      header: "Spend",
      className: "hidden w-24 text-right tabular-nums sm:table-cell",
      cell: ({ usage }) => formatUsd(usage.cost_this_month_usd),
      skeleton: "ml-auto h-3.5 w-12",
    },
    {
      id: "joined",
      header: "Joined",
      className: "hidden w-36 text-muted-foreground lg:table-cell",
      cell: (user) => (
        <time dateTime={user.created_at} title={formatDateTime(user.created_at)}>
          {joinedFormat.format(new Date(user.created_at))}
        </time>
      ),
      skeleton: "h-3.5 w-24",
    },
    {
      id: "actions",
      header: "Actions",
      headerHidden: true,
      className: "w-14 text-right sm:w-16",
      cell: (user) => (
        <UserActions user={user} isSelf={user.id === currentUserId} onAction={(action) => onAction(user, action)} />
      ),
      skeleton: "ml-auto size-8",
    },
  ];
}

/** Every account, searchable and filterable, with the actions an administrator takes on one. */
function UsersPanel({ currentUserId }: { currentUserId: string | null }) {
  const params = useListParams();
  const query = params.get("query");
  const role = oneOf(params.get("role"), ROLES);
  const status = oneOf(params.get("status"), STATUSES);
  const users = useUsers({ query: query || undefined, role, status, page: params.page, page_size: USERS_PAGE_SIZE });

  const [dialog, setDialog] = useState<{ target: PendingAction | null; open: boolean; key: number }>({
    target: null,
    open: false,
    key: 0,
  });
  const openAction = (user: AdminUser, action: UserAction) =>
    setDialog((current) => ({ target: { user, action }, open: true, key: current.key + 1 }));

  const { update } = params;
  const commitQuery = useCallback((text: string) => update({ query: text }), [update]);
  const filtered = Boolean(query || role || status);

  return (
    <>
      <ListPanel
        query={users}
        what="users"
        toolbar={
          <ListToolbar
            end={
              <>
                <FilterSelect
                  label="Role"
                  value={role ?? ""}
                  options={roleOptions}
                  onValueChange={(value) => update({ role: value })}
                  className="flex-1 sm:w-36 sm:flex-none"
                />
                <FilterSelect
                  label="Status"
                  value={status ?? ""}
                  options={statusOptions}
                  onValueChange={(value) => update({ status: value })}
                  className="flex-1 sm:w-40 sm:flex-none"
                />
              </>
            }
          >
            <SearchInput
              value={query}
              onCommit={commitQuery}
              label="Search users"
              placeholder="Search by email or name"
            />
          </ListToolbar>
        }
        empty={() =>
          filtered
            ? {
                icon: UsersIcon,
                title: "No users match",
                description: `No users match ${describeFilters(query, role, status)}. Try another search or clear the filters.`,
                action: (
                  <Button variant="outline" onClick={() => update({ query: "", role: "", status: "" })}>
                    Clear filters
                  </Button>
                ),
              }
            : { icon: UsersIcon, title: "No users yet", description: "People who sign up will appear here." }
        }
        paging={{ pageSize: USERS_PAGE_SIZE, onPageChange: (page) => update({ page }, { push: true }) }}
      >
        {(rows, state) => (
          <DataTable
            label="Users"
            columns={userColumns(currentUserId, openAction)}
            rows={rows}
            rowKey={(user) => user.id}
            skeletonRows={8}
            {...state}
          />
        )}
      </ListPanel>
      <UserActionDialog
        key={dialog.key}
        target={dialog.target}
        open={dialog.open}
        onOpenChange={(open) => setDialog((current) => ({ ...current, open }))}
      />
    </>
  );
}

export { UsersPanel };
