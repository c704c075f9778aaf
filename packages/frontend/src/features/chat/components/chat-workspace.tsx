import { BoxIcon, MessageSquareIcon, MessagesSquareIcon, SearchXIcon, SparklesIcon } from "lucide-react";
import type { ChatContext, FaceReference, Version } from "@chat3d/shared";
import { useState } from "react";
import type * as React from "react";
import { Link, useNavigate } from "react-router";
import { toast } from "sonner";
import { PageMessage } from "@/components/layouts/page-message";
import { ListError } from "@/components/list/list-states";
import { Button } from "@/components/ui/button";
import {
  EmptyState,
  EmptyStateContent,
  EmptyStateDescription,
  EmptyStateHeader,
  EmptyStateMedia,
  EmptyStateTitle,
} from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiClientError } from "@/lib/api-client";
import { cn } from "@/lib/utils";
import { useCreateChat } from "../api/create-chat";
import { useFileUrl } from "../api/file-url";
import { useChat } from "../api/get-chat";
import { useVersions } from "../api/get-versions";
import { formatCost, formatTokens } from "../utils/query-format";
import { STARTERS, type Starter } from "../utils/starters";
import { ChatList } from "./chat-list";
import { Composer } from "./composer";
import { ModelPane, type ModelViewerProps } from "./model-pane";
import { Timeline } from "./timeline";

type Pane = "chats" | "chat" | "model";

export const chatHref = (id: string) => `/chat/${id}`;
export const versionHref = (chatId: string, versionId: string) => `/chat/${chatId}/versions/${versionId}`;
export const compareHref = (chatId: string, a: string, b: string) =>
  `/chat/${chatId}/compare?${new URLSearchParams({ a, b })}`;

type ChatWorkspaceProps = {
  /** The open chat; none on the welcome screen of someone without chats. */
  chatId?: string;
  /** A version in the address; the chat's current one otherwise. */
  versionId?: string;
  /** Code a starter put into a new chat's editor. */
  initialCode?: string;
  Viewer?: React.ComponentType<ModelViewerProps>;
  VersionActions?: React.ComponentType<{ version: Version }>;
};

const PANES: { id: Pane; label: string; icon: React.ComponentType<{ "aria-hidden"?: boolean; className?: string }> }[] =
  [
    { id: "chats", label: "Chats", icon: MessagesSquareIcon },
    { id: "chat", label: "Chat", icon: MessageSquareIcon },
    { id: "model", label: "Model", icon: BoxIcon },
  ];

/** Below 900 px the three panes become tabs; above, they sit side by side. */
function PaneTabs({ pane, onChange, disabled }: { pane: Pane; onChange: (pane: Pane) => void; disabled: Pane[] }) {
  return (
    <div
      role="tablist"
      aria-label="Workspace"
      className="flex shrink-0 gap-1 border-b bg-background px-2 py-1.5 min-[900px]:hidden"
    >
      {PANES.map(({ id, label, icon: Icon }) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`pane-tab-${id}`}
          aria-controls={`pane-${id}`}
          aria-selected={pane === id}
          disabled={disabled.includes(id)}
          onClick={() => onChange(id)}
          className={cn(
            "flex flex-1 items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50",
            pane === id ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-accent/60",
          )}
        >
          <Icon aria-hidden className="size-4" />
          {label}
        </button>
      ))}
    </div>
  );
}

function paneClass(pane: Pane, current: Pane) {
  return cn("min-h-0 min-w-0 flex-col", pane === current ? "flex flex-1" : "hidden", "min-[900px]:flex");
}

function Welcome({ onStart, creating }: { onStart: (starter?: Starter) => void; creating: boolean }) {
  return (
    <EmptyState className="m-4 border-none">
      <EmptyStateHeader className="max-w-md">
        <EmptyStateMedia variant="icon">
          <SparklesIcon />
        </EmptyStateMedia>
        <EmptyStateTitle asChild className="text-2xl">
          <h1>Make your first part</h1>
        </EmptyStateTitle>
        <EmptyStateDescription>
          Each chat holds a part: its code, every version it went through, and the files to print or machine. Start
          empty, or from one of these scripts and move its sliders.
        </EmptyStateDescription>
      </EmptyStateHeader>
      <EmptyStateContent className="max-w-2xl">
        <Button onClick={() => onStart()} disabled={creating}>
          New chat
        </Button>
        <ul className="grid w-full gap-3 sm:grid-cols-3">
          {STARTERS.map((starter) => (
            <li key={starter.id}>
              <button
                type="button"
                disabled={creating}
                onClick={() => onStart(starter)}
                className="flex h-full w-full flex-col gap-1 rounded-lg border bg-card p-4 text-left shadow-xs transition-colors outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-60"
              >
                <span className="font-medium">{starter.name}</span>
                <span className="text-sm text-muted-foreground">{starter.description}</span>
              </button>
            </li>
          ))}
        </ul>
      </EmptyStateContent>
    </EmptyState>
  );
}

/** What the chat's questions have cost so far, beside its name. */
function ChatUsage({ usage }: { usage: ChatContext["usage"] }) {
  const tokens = usage.input_tokens + usage.output_tokens;
  if (!tokens && !usage.cost_usd) return null;
  return (
    <p
      className="ml-auto shrink-0 text-xs text-muted-foreground tabular-nums"
      title={`This chat so far: ${usage.input_tokens} tokens in, ${usage.output_tokens} out`}
    >
      <span className="sr-only">This chat so far: </span>
      {formatTokens(tokens)} · {formatCost(usage.cost_usd)}
    </p>
  );
}

function ChatMissing() {
  return (
    <PageMessage
      title="This chat doesn't exist"
      icon={<SearchXIcon />}
      description="It may have been deleted, or the link is not one of your chats."
    >
      <Button asChild variant="outline">
        <Link to="/chat">Back to your chats</Link>
      </Button>
    </PageMessage>
  );
}

/**
 * The room the product exists for: the chats on the left, the open chat's timeline and composer in the
 * middle, its model (viewer, parameters, downloads, code) on the right.
 */
function ChatWorkspace({ chatId, versionId, initialCode, Viewer, VersionActions }: ChatWorkspaceProps) {
  const navigate = useNavigate();
  const fileUrl = useFileUrl();
  const create = useCreateChat();
  const chat = useChat(chatId ?? "");
  const versions = useVersions(chatId ?? "");
  const [pane, setPane] = useState<Pane>("chat");
  // Picked in the viewer, sent with the next message.
  const [faces, setFaces] = useState<FaceReference[]>([]);
  const [shown, setShown] = useState({ chatId, versionId });
  // On a phone, opening a chat shows its timeline, and opening a version shows the model.
  if (shown.chatId !== chatId || shown.versionId !== versionId) {
    setShown({ chatId, versionId });
    if (shown.chatId !== chatId) setPane("chat");
    else if (versionId) setPane("model");
  }

  const startChat = (starter?: Starter) =>
    create.mutate(starter?.name, {
      onSuccess: (created) =>
        void navigate(chatHref(created.id), { state: starter ? { starter: starter.code } : undefined }),
      onError: (error) => toast.error("Couldn't start a chat", { description: error.message }),
    });

  // The new version is the chat's current one: an address naming an older version gives way to the chat's.
  const onVersionCreated = () => {
    if (chatId && versionId) void navigate(chatHref(chatId));
  };

  const context = chat.data;
  const viewedVersionId = versionId ?? context?.current_version?.id ?? null;
  const numberOf = (id: string) => versions.data?.find((v) => v.id === id)?.number;

  let middle: React.ReactNode;
  let right: React.ReactNode = null;
  if (!chatId) {
    middle = <Welcome onStart={startChat} creating={create.isPending} />;
  } else if (chat.error && !context) {
    middle =
      chat.error instanceof ApiClientError && chat.error.status === 404 ? (
        <ChatMissing />
      ) : (
        <ListError what="this chat" error={chat.error} retrying={chat.isFetching} onRetry={() => void chat.refetch()} />
      );
  } else {
    middle = (
      <>
        <header className="flex min-h-12 items-center gap-2 border-b px-4 py-2">
          {context ? (
            <>
              <title>{`${context.name} · Chat3D`}</title>
              <h1 className="truncate text-base font-semibold">{context.name}</h1>
              <ChatUsage usage={context.usage} />
            </>
          ) : (
            <Skeleton className="h-5 w-48" />
          )}
        </header>
        <Timeline
          key={`timeline-${chatId}`}
          chatId={chatId}
          thumbnailUrl={fileUrl}
          versionHref={(id) => versionHref(chatId, id)}
          numberOf={numberOf}
          currentVersionId={context?.current_version?.id ?? null}
          viewedVersionId={viewedVersionId}
        />
        <Composer
          key={`composer-${chatId}`}
          chatId={chatId}
          chat={context}
          faces={faces}
          onRemoveFace={(face) => setFaces((all) => all.filter((f) => f !== face))}
          onSent={() => setFaces([])}
        />
      </>
    );
    right = context ? (
      <ModelPane
        key={chatId}
        chat={context}
        versionId={viewedVersionId}
        versions={versions.data}
        versionHref={(id) => (id === context.current_version?.id ? chatHref(chatId) : versionHref(chatId, id))}
        compareHref={(a, b) => compareHref(chatId, a, b)}
        onVersionCreated={onVersionCreated}
        Viewer={Viewer}
        VersionActions={VersionActions}
        faces={faces}
        onFacesChange={setFaces}
        initialCode={initialCode}
      />
    ) : (
      <div aria-busy="true" className="grid gap-3 p-3">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="aspect-[4/3] w-full rounded-lg" />
      </div>
    );
  }

  return (
    <div className="flex h-[calc(100dvh-3.5rem)] min-h-0 flex-col min-[900px]:flex-row">
      <PaneTabs pane={pane} onChange={setPane} disabled={chatId ? [] : ["model"]} />
      <aside
        id="pane-chats"
        aria-labelledby="pane-tab-chats"
        className={cn(
          paneClass("chats", pane),
          "bg-muted/30 min-[900px]:border-r min-[900px]:w-72 min-[900px]:shrink-0",
        )}
      >
        <ChatList
          activeId={chatId}
          chatHref={chatHref}
          onNewChat={() => startChat()}
          creating={create.isPending}
          onDeleted={(id) => id === chatId && void navigate("/chat", { replace: true })}
        />
      </aside>
      <div id="pane-chat" className={cn(paneClass("chat", pane), "min-[900px]:flex-1")}>
        {middle}
      </div>
      {chatId && !(chat.error && !context) && (
        <div
          id="pane-model"
          className={cn(
            paneClass("model", pane),
            "min-[900px]:border-l min-[900px]:w-[min(44%,34rem)] min-[900px]:shrink-0",
          )}
        >
          {right}
        </div>
      )}
    </div>
  );
}

export { ChatWorkspace };
