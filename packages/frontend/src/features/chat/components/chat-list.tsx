import { RenameChatRequestSchema, type ChatContext } from "@chat3d/shared";
import { BoxIcon, MessageSquarePlusIcon, MoreHorizontalIcon, PencilIcon, SearchXIcon, Trash2Icon } from "lucide-react";
import { useRef, useState } from "react";
import { NavLink } from "react-router";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Field } from "@/components/form/field";
import { Form } from "@/components/form/form";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { ListPanel } from "@/components/list/list-panel";
import { SearchInput } from "@/components/list/search-input";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { PendingButton } from "@/components/ui/pending-button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime, formatRelativeTime } from "@/lib/format-time";
import { cn } from "@/lib/utils";
import { useFileUrl } from "../api/file-url";
import { useChats } from "../api/get-chats";
import { useDeleteChat } from "../api/delete-chat";
import { useRenameChat } from "../api/rename-chat";

type ChatListProps = {
  activeId: string | undefined;
  chatHref: (id: string) => string;
  onNewChat: () => void;
  creating: boolean;
  /** The chat was deleted here; the workspace moves on if it was open. */
  onDeleted: (id: string) => void;
};

function RenameForm({ chat, onDone }: { chat: ChatContext; onDone: () => void }) {
  const rename = useRenameChat();
  const form = useSchemaForm(RenameChatRequestSchema, { defaultValues: { name: chat.name } });
  return (
    <Form
      form={form}
      aria-label={`Rename ${chat.name}`}
      className="flex-1 p-1.5"
      onError={(error) => {
        toast.error("Couldn't rename the chat", { description: error instanceof Error ? error.message : undefined });
        onDone();
      }}
      onSubmit={async ({ name }) => {
        if (name !== chat.name) await rename.mutateAsync({ id: chat.id, name });
        onDone();
      }}
    >
      <Field name="name" label={<span className="sr-only">Chat name</span>} className="gap-0">
        <Input
          autoFocus
          maxLength={120}
          className="h-8"
          onFocus={(event) => event.currentTarget.select()}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              onDone();
            }
          }}
          // Leaving the field keeps what was typed, as Enter does.
          onBlur={(event) => event.currentTarget.form?.requestSubmit()}
        />
      </Field>
    </Form>
  );
}

function ChatRow({
  chat,
  active,
  href,
  onRename,
  onDelete,
  renaming,
  onRenamed,
}: {
  chat: ChatContext;
  active: boolean;
  href: string;
  onRename: () => void;
  onDelete: () => void;
  renaming: boolean;
  onRenamed: () => void;
}) {
  const fileUrl = useFileUrl();
  const thumbnail = chat.current_version?.thumbnail_file_id;
  // Rename puts a field where the menu's trigger was: the menu must not take the focus back as it closes.
  const renameChosen = useRef(false);
  return (
    <li
      className={cn(
        "group relative flex items-center rounded-lg transition-colors",
        active ? "bg-accent text-accent-foreground" : "hover:bg-accent/60",
      )}
    >
      {renaming ? (
        <RenameForm chat={chat} onDone={onRenamed} />
      ) : (
        <>
          <NavLink
            to={href}
            aria-current={active ? "page" : undefined}
            className="flex min-w-0 flex-1 items-center gap-3 rounded-lg p-2 pr-10 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <span className="flex size-10 shrink-0 items-center justify-center overflow-hidden rounded-md border bg-muted/60">
              {thumbnail ? (
                <img src={fileUrl(thumbnail)} alt="" loading="lazy" className="size-full object-contain" />
              ) : (
                <BoxIcon aria-hidden="true" className="size-4 text-muted-foreground" />
              )}
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium">{chat.name}</span>
              <span className="block truncate text-xs text-muted-foreground">
                {chat.current_version ? `Version ${chat.current_version.number} · ` : ""}
                <time dateTime={chat.last_activity_at} title={formatDateTime(chat.last_activity_at)}>
                  {formatRelativeTime(chat.last_activity_at)}
                </time>
              </span>
            </span>
          </NavLink>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={`Actions for ${chat.name}`}
                className="absolute right-1.5 opacity-100 group-hover:opacity-100 focus-visible:opacity-100 data-[state=open]:opacity-100 min-[900px]:opacity-0"
              >
                <MoreHorizontalIcon aria-hidden="true" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent
              align="end"
              onCloseAutoFocus={(event) => {
                if (!renameChosen.current) return;
                renameChosen.current = false;
                event.preventDefault();
              }}
            >
              <DropdownMenuItem
                onSelect={() => {
                  renameChosen.current = true;
                  onRename();
                }}
              >
                <PencilIcon aria-hidden="true" /> Rename
              </DropdownMenuItem>
              <DropdownMenuItem variant="destructive" onSelect={onDelete}>
                <Trash2Icon aria-hidden="true" /> Delete
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        </>
      )}
    </li>
  );
}

function ChatListSkeleton() {
  return (
    <ul aria-hidden="true" className="grid gap-1 p-2">
      {[0, 1, 2, 3, 4].map((i) => (
        <li key={i} className="flex items-center gap-3 p-2">
          <Skeleton className="size-10 rounded-md" />
          <div className="flex-1 space-y-1.5">
            <Skeleton className="h-3.5 w-3/4" />
            <Skeleton className="h-3 w-1/3" />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The person's chats: search, create, open, rename in place, delete after a confirmation. */
function ChatList({ activeId, chatHref, onNewChat, creating, onDeleted }: ChatListProps) {
  const [search, setSearch] = useState("");
  const query = useChats(search);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ChatContext | null>(null);
  const remove = useDeleteChat();
  const data = query.data && { items: query.data.pages.flatMap((page) => page.items) };

  return (
    <nav aria-label="Chats" className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center justify-between gap-2 px-3 pt-3">
        <h2 className="text-sm font-semibold">Chats</h2>
        <PendingButton
          size="sm"
          pending={creating}
          pendingLabel="Creating…"
          icon={<MessageSquarePlusIcon aria-hidden="true" />}
          onClick={onNewChat}
        >
          New chat
        </PendingButton>
      </div>
      <div className="p-3 [&_form]:max-w-none">
        <SearchInput value={search} onCommit={setSearch} label="Search chats" placeholder="Search chats" />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <ListPanel
          query={{ ...query, data, isPlaceholderData: false }}
          what="your chats"
          className="rounded-none border-0 bg-transparent shadow-none"
          empty={() =>
            search
              ? {
                  icon: SearchXIcon,
                  title: "No chats match",
                  description: `No chat is named like “${search}”.`,
                  action: (
                    <Button variant="outline" size="sm" onClick={() => setSearch("")}>
                      Clear search
                    </Button>
                  ),
                }
              : { icon: BoxIcon, title: "No chats yet", description: "Start one with New chat." }
          }
        >
          {(items) =>
            items ? (
              <>
                <ul className="grid gap-0.5 px-2 pb-2">
                  {items.map((chat) => (
                    <ChatRow
                      key={chat.id}
                      chat={chat}
                      active={chat.id === activeId}
                      href={chatHref(chat.id)}
                      renaming={renamingId === chat.id}
                      onRename={() => setRenamingId(chat.id)}
                      onRenamed={() => setRenamingId(null)}
                      onDelete={() => setDeleting(chat)}
                    />
                  ))}
                </ul>
                {query.hasNextPage && (
                  <div className="px-3 pb-3">
                    <PendingButton
                      variant="ghost"
                      size="sm"
                      className="w-full"
                      pending={query.isFetchingNextPage}
                      pendingLabel="Loading…"
                      onClick={() => void query.fetchNextPage()}
                    >
                      Show more chats
                    </PendingButton>
                  </div>
                )}
              </>
            ) : (
              <ChatListSkeleton />
            )
          }
        </ListPanel>
      </div>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => {
          if (!open) {
            setDeleting(null);
            remove.reset();
          }
        }}
        title={`Delete “${deleting?.name ?? ""}”?`}
        description="Its messages, every version and all of their files are deleted for good."
        confirmLabel="Delete chat"
        pendingLabel="Deleting…"
        tone="destructive"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (!deleting) return;
          const chat = deleting;
          remove.mutate(chat.id, {
            onSuccess: () => {
              setDeleting(null);
              toast.success(`“${chat.name}” was deleted`);
              onDeleted(chat.id);
            },
          });
        }}
      />
    </nav>
  );
}

export { ChatList };
