import {
  ArrowRightIcon,
  BoxIcon,
  CircleAlertIcon,
  CodeIcon,
  MessageSquareIcon,
  MessagesSquareIcon,
  SearchXIcon,
  SparklesIcon,
  WandSparklesIcon,
} from "lucide-react";
import type { ChatContext, FaceReference, Version } from "@chat3d/shared";
import { useEffect, useId, useState } from "react";
import type * as React from "react";
import { Link, useNavigate } from "react-router";
import { toast } from "sonner";
import { PageMessage } from "@/components/layouts/page-message";
import { ListError } from "@/components/list/list-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyStateMessage } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { ApiClientError } from "@/lib/api-client";
import { cn } from "@/lib/utils";
import { useCreateChat } from "../api/create-chat";
import { useFileUrl } from "../api/file-url";
import { useChat } from "../api/get-chat";
import { useVersions } from "../api/get-versions";
import { largestExtent } from "../utils/thumbnail-scale";
import { useSendToChat } from "../hooks/use-send-to-chat";
import { formatCost, formatTokens } from "../utils/query-format";
import { STARTERS, type Starter } from "../utils/starters";
import { ChatList } from "./chat-list";
import { AttentionDot } from "./attention-dot";
import { Composer, sendOnEnter } from "./composer";
import { ModelPane, type ModelStatus, type ModelTab, type ModelViewerProps } from "./model-pane";
import { Timeline } from "./timeline";

type Pane = "chats" | "chat" | "model";
/** On a phone the model pane's two tabs sit beside the workspace's own: one row, not tabs inside a tab. */
type PhoneTab = Pane | "code";

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
  /** What the person typed on the welcome screen: the new chat sends it as its first message. */
  initialMessage?: string;
  /** The first message went: the address forgets it, so a reload does not send it again. */
  onInitialMessageSent?: () => void;
  Viewer?: React.ComponentType<ModelViewerProps>;
  VersionActions?: React.ComponentType<{ version: Version }>;
};

const PHONE_TABS: {
  id: PhoneTab;
  label: string;
  icon: React.ComponentType<{ "aria-hidden"?: boolean; className?: string }>;
}[] = [
  { id: "chats", label: "Chats", icon: MessagesSquareIcon },
  { id: "chat", label: "Chat", icon: MessageSquareIcon },
  { id: "model", label: "Model", icon: BoxIcon },
  { id: "code", label: "Code", icon: CodeIcon },
];

/** Below 900 px the panes (and the model pane's Model and Code) are one row of tabs; above, they sit side by side. */
function PaneTabs({
  tab,
  onChange,
  disabled,
  attention,
}: {
  tab: PhoneTab;
  onChange: (tab: PhoneTab) => void;
  disabled: PhoneTab[];
  /** Said on the Code tab: the last render failed, or the code has edits not rendered yet. */
  attention: string | null;
}) {
  return (
    <div
      role="tablist"
      aria-label="Workspace"
      className="flex shrink-0 gap-1 border-b bg-background px-2 py-1.5 min-[900px]:hidden"
    >
      {PHONE_TABS.map(({ id, label, icon: Icon }) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`pane-tab-${id}`}
          aria-controls={id === "code" ? "pane-model" : `pane-${id}`}
          aria-selected={tab === id}
          disabled={disabled.includes(id)}
          onClick={() => onChange(id)}
          className={cn(
            "relative flex min-w-0 flex-1 items-center justify-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50",
            tab === id ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-accent/60",
          )}
        >
          <Icon aria-hidden className="size-4 shrink-0" />
          {label}
          {id === "code" && attention && <AttentionDot label={attention} />}
        </button>
      ))}
    </div>
  );
}

function paneClass(pane: Pane, current: Pane) {
  return cn("min-h-0 min-w-0 flex-col", pane === current ? "flex flex-1" : "hidden", "min-[900px]:flex");
}

const chatNameFrom = (text: string) => {
  const line = text.trim().split("\n")[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line;
};

/** The empty workspace: a box to describe the part in (sending starts a chat), or a script to start from. */
function Welcome({
  onStart,
  creating,
}: {
  onStart: (start: { message: string } | { starter: Starter }) => void;
  creating: boolean;
}) {
  const [text, setText] = useState("");
  const fieldId = useId();
  return (
    <EmptyStateMessage
      className="m-4 justify-start border-none pt-[max(2rem,8vh)]"
      headerClassName="max-w-xl"
      icon={<SparklesIcon />}
      title="Make your first part"
      pageTitle
      titleClassName="text-2xl"
      description={
        <>
          Describe it in your own words, with sizes if you know them. Each chat holds a part: its code, every version,
          and the files to print or machine.
        </>
      }
      contentClassName="max-w-xl gap-6"
    >
      <form
        aria-label="Start a chat"
        className="w-full rounded-xl border bg-card p-2 shadow-sm focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() && !creating) onStart({ message: text.trim() });
        }}
      >
        <label htmlFor={fieldId} className="sr-only">
          Describe a part
        </label>
        <Textarea
          id={fieldId}
          rows={3}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={sendOnEnter}
          placeholder="A wall bracket for a 25 mm pipe, 4 mm thick, with two screw holes…"
          className="min-h-20 resize-none border-none bg-transparent shadow-none focus-visible:ring-0 dark:bg-transparent"
        />
        <div className="flex items-center justify-between gap-2 px-1 pt-1">
          <span className="text-xs text-muted-foreground pointer-coarse:invisible">Enter sends</span>
          <Button type="submit" size="sm" disabled={!text.trim() || creating}>
            Start <ArrowRightIcon aria-hidden="true" />
          </Button>
        </div>
      </form>
      <div className="grid w-full gap-2 text-left">
        <h2 className="text-sm font-medium text-muted-foreground">Or start from a script with sliders</h2>
        <ul className="grid w-full gap-2 sm:grid-cols-3">
          {STARTERS.map((starter) => (
            <li key={starter.id}>
              <Button
                variant="outline"
                disabled={creating}
                onClick={() => onStart({ starter })}
                className="h-full w-full flex-col items-start gap-0.5 py-2.5 text-left whitespace-normal"
              >
                <span className="flex items-center gap-1.5 font-medium">
                  {starter.name} <ArrowRightIcon aria-hidden="true" className="size-3.5" />
                </span>
                <span className="text-xs font-normal text-muted-foreground">{starter.description}</span>
              </Button>
            </li>
          ))}
        </ul>
      </div>
    </EmptyStateMessage>
  );
}

/** The chat header's word on the model: its last render failed (with a way to ask the AI), or edits wait. */
function ModelAttention({
  status,
  canAsk,
  onFix,
  onShowCode,
}: {
  status: ModelStatus;
  canAsk: boolean;
  onFix: () => void;
  onShowCode: () => void;
}) {
  if (!status) return null;
  const failed = status.kind === "failed";
  return (
    <div role="status" className="flex min-w-0 items-center gap-1.5">
      <Badge variant={failed ? "destructive" : "warning"} className="gap-1" title={failed ? status.message : undefined}>
        <CircleAlertIcon aria-hidden="true" />
        {failed ? "Render failed" : "Unrendered edits"}
      </Badge>
      <Button size="sm" variant="ghost" className="h-7 px-2" onClick={onShowCode}>
        <CodeIcon aria-hidden="true" /> <span className="max-sm:sr-only">Show code</span>
      </Button>
      {failed && canAsk && (
        <Button size="sm" variant="outline" className="h-7 px-2" onClick={onFix}>
          <WandSparklesIcon aria-hidden="true" /> Fix with AI
        </Button>
      )}
    </div>
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
function ChatWorkspace({
  chatId,
  versionId,
  initialCode,
  initialMessage,
  onInitialMessageSent,
  Viewer,
  VersionActions,
}: ChatWorkspaceProps) {
  const navigate = useNavigate();
  const fileUrl = useFileUrl();
  const create = useCreateChat();
  const chat = useChat(chatId ?? "");
  const versions = useVersions(chatId ?? "");
  const sender = useSendToChat(chatId ?? "", chat.data);
  const [pane, setPane] = useState<Pane>("chat");
  // A new chat opens on its conversation: the model pane shows the model (or how to get one), code one tab away.
  const [modelTab, setModelTab] = useState<ModelTab>(initialCode ? "code" : "model");
  const [modelStatus, setModelStatus] = useState<ModelStatus>(null);
  // Picked in the viewer, sent with the next message.
  const [faces, setFaces] = useState<FaceReference[]>([]);
  const [shown, setShown] = useState({ chatId, versionId });
  // On a phone, opening a chat shows its timeline, and opening a version shows the model.
  if (shown.chatId !== chatId || shown.versionId !== versionId) {
    setShown({ chatId, versionId });
    if (shown.chatId !== chatId) {
      setPane("chat");
      setModelTab(initialCode ? "code" : "model");
      setModelStatus(null);
    } else if (versionId) {
      setPane("model");
      setModelTab("model");
    }
  }

  // The welcome screen's words become the new chat's first message, once the chat knows how to send it.
  const ready = Boolean(chatId && chat.data && !sender.models.isPending);
  useEffect(() => {
    if (!ready || !initialMessage) return;
    sender.send(initialMessage);
    onInitialMessageSent?.();
    // Once per message: `sender` changes every render, the message does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, initialMessage]);

  const startChat = (start?: { message: string } | { starter: Starter }) =>
    create.mutate(start ? ("starter" in start ? start.starter.name : chatNameFrom(start.message)) : undefined, {
      onSuccess: (created) =>
        void navigate(chatHref(created.id), {
          state: start && ("starter" in start ? { starter: start.starter.code } : { message: start.message }),
        }),
      onError: (error) => toast.error("Couldn't start a chat", { description: error.message }),
    });

  const phoneTab: PhoneTab = pane === "model" ? modelTab : pane;
  const choosePhoneTab = (tab: PhoneTab) => {
    if (tab === "model" || tab === "code") {
      setPane("model");
      setModelTab(tab);
    } else setPane(tab);
  };
  const attention = modelStatus
    ? modelStatus.kind === "failed"
      ? "the last render failed"
      : "edits not rendered yet"
    : null;

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
        <header className="flex min-h-12 flex-wrap items-center gap-x-2 gap-y-1 border-b px-4 py-2">
          {context ? (
            <>
              <title>{`${context.name} · Chat3D`}</title>
              <h1 className="min-w-0 truncate text-base font-semibold">{context.name}</h1>
              <ModelAttention
                status={modelStatus}
                canAsk={Boolean(sender.ai)}
                onShowCode={() => choosePhoneTab("code")}
                onFix={() => {
                  if (modelStatus?.kind !== "failed") return;
                  sender.send(modelStatus.fixRequest);
                  setPane("chat");
                }}
              />
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
          largestExtent={largestExtent(versions.data)}
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
        tab={modelTab}
        onTabChange={setModelTab}
        onStatusChange={setModelStatus}
        attention={attention}
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
      <PaneTabs
        tab={phoneTab}
        onChange={choosePhoneTab}
        disabled={chatId ? [] : ["model", "code"]}
        attention={attention}
      />
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
