import { UserRoleSchema, UserStatusSchema, type AdminUser } from "@chat3d/shared";
import { ShieldIcon, UsersIcon } from "lucide-react";
import { useCallback, useState } from "react";
import { ListEmpty, ListError } from "@/components/list/list-states";
import { SearchInput } from "@/components/list/search-input";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format-time";
import { oneOf, useListParams } from "@/lib/use-list-params";
import { cn } from "@/lib/utils";
import { USERS_PAGE_SIZE, useUsers } from "../api/get-users";
import { ListFooter } from "./list-footer";
import { UserActionDialog, type PendingAction } from "./user-action-dialog";
import { UserActions, type UserAction } from "./user-actions";
import { RoleBadge, StatusBadge, statusLabels } from "./user-badges";

const ROLES = UserRoleSchema.options;
const STATUSES = UserStatusSchema.options;
const SKELETON_ROWS = 8;
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

function SkeletonRows() {
  return Array.from({ length: SKELETON_ROWS }, (_, index) => (
    <TableRow key={index} className="hover:bg-transparent">
      <TableCell className="py-3 pl-4 sm:pl-6">
        <div className="flex items-center gap-3">
          <Skeleton className="size-8 rounded-full" />
          <div className="space-y-1.5">
            <Skeleton className="h-3.5 w-32" />
            <Skeleton className="h-3 w-44" />
          </div>
        </div>
      </TableCell>
      <TableCell className="hidden md:table-cell">
        <Skeleton className="h-5 w-12" />
      </TableCell>
      <TableCell>
        <Skeleton className="h-5 w-16" />
      </TableCell>
      <TableCell className="hidden lg:table-cell">
        <Skeleton className="h-3.5 w-24" />
      </TableCell>
      <TableCell className="pr-4 sm:pr-6">
        <Skeleton className="ml-auto size-8" />
      </TableCell>
    </TableRow>
  ));
}

function describeFilters(query: string, role?: string, status?: string) {
  const parts = [
    query && `“${query}”`,
    role && (role === "admin" ? "admins" : "users"),
    status && statusLabels[status as keyof typeof statusLabels].toLowerCase(),
  ].filter(Boolean);
  return parts.join(", ");
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
  const data = users.data;

  return (
    <Card className="gap-0 overflow-hidden py-0">
      <div className="flex flex-col gap-3 border-b p-4 sm:flex-row sm:items-center sm:px-6">
        <SearchInput value={query} onCommit={commitQuery} label="Search users" placeholder="Search by email or name" />
        <div className="flex gap-3 sm:ml-auto">
          <NativeSelect
            aria-label="Role"
            value={role ?? ""}
            onChange={(event) => update({ role: event.target.value })}
            className="flex-1 sm:w-36 sm:flex-none"
          >
            <NativeSelectOption value="">All roles</NativeSelectOption>
            <NativeSelectOption value="admin">Admins</NativeSelectOption>
            <NativeSelectOption value="user">Users</NativeSelectOption>
          </NativeSelect>
          <NativeSelect
            aria-label="Status"
            value={status ?? ""}
            onChange={(event) => update({ status: event.target.value })}
            className="flex-1 sm:w-40 sm:flex-none"
          >
            <NativeSelectOption value="">All statuses</NativeSelectOption>
            {STATUSES.map((value) => (
              <NativeSelectOption key={value} value={value}>
                {statusLabels[value]}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
      </div>

      {users.isError && !data ? (
        <ListError what="users" error={users.error} retrying={users.isFetching} onRetry={() => void users.refetch()} />
      ) : data && data.items.length === 0 ? (
        <ListEmpty
          icon={UsersIcon}
          title={filtered ? "No users match" : data.total > 0 ? "Nothing on this page" : "No users yet"}
          description={
            filtered
              ? `No users match ${describeFilters(query, role, status)}. Try another search or clear the filters.`
              : data.total > 0
                ? "This page is past the end of the list."
                : "People who sign up will appear here."
          }
        >
          {filtered ? (
            <Button variant="outline" onClick={() => update({ query: "", role: "", status: "" })}>
              Clear filters
            </Button>
          ) : (
            data.total > 0 && (
              <Button variant="outline" onClick={() => update({ page: 1 })}>
                Go to the first page
              </Button>
            )
          )}
        </ListEmpty>
      ) : (
        <Table aria-label="Users" aria-busy={users.isFetching} className="table-fixed">
          <TableHeader>
            <TableRow className="bg-muted/40 hover:bg-muted/40">
              <TableHead className="pl-4 text-xs font-medium text-muted-foreground sm:pl-6">User</TableHead>
              <TableHead className="hidden w-28 text-xs font-medium text-muted-foreground md:table-cell">
                Role
              </TableHead>
              <TableHead className="w-28 text-xs font-medium text-muted-foreground sm:w-32">Status</TableHead>
              <TableHead className="hidden w-36 text-xs font-medium text-muted-foreground lg:table-cell">
                Joined
              </TableHead>
              <TableHead className="w-14 pr-4 sm:w-16 sm:pr-6">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody className={cn("transition-opacity", users.isPlaceholderData && "opacity-60")}>
            {data ? (
              data.items.map((user) => {
                const isSelf = user.id === currentUserId;
                return (
                  <TableRow key={user.id}>
                    <TableCell className="py-3 pl-4 sm:pl-6">
                      <UserIdentity user={user} isSelf={isSelf} />
                    </TableCell>
                    <TableCell className="hidden md:table-cell">
                      <RoleBadge role={user.role} />
                    </TableCell>
                    <TableCell>
                      <StatusBadge status={user.status} />
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground lg:table-cell">
                      <time dateTime={user.created_at} title={formatDateTime(user.created_at)}>
                        {joinedFormat.format(new Date(user.created_at))}
                      </time>
                    </TableCell>
                    <TableCell className="pr-4 text-right sm:pr-6">
                      <UserActions user={user} isSelf={isSelf} onAction={(action) => openAction(user, action)} />
                    </TableCell>
                  </TableRow>
                );
              })
            ) : (
              <SkeletonRows />
            )}
          </TableBody>
        </Table>
      )}

      <ListFooter
        data={data}
        pageSize={USERS_PAGE_SIZE}
        loading={!data && !users.isError}
        loadingLabel="Loading users…"
        onPageChange={(page) => update({ page }, { push: true })}
      />

      <UserActionDialog
        key={dialog.key}
        target={dialog.target}
        open={dialog.open}
        onOpenChange={(open) => setDialog((current) => ({ ...current, open }))}
      />
    </Card>
  );
}

export { UsersPanel };
