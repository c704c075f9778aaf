import { MAX_MESSAGE_CHARS, type ChatContext, type Version, type VersionSummary } from "@chat3d/shared";
import { BoxIcon, CodeIcon, GitCompareIcon, History, RotateCcwIcon } from "lucide-react";
import { useEffect, useState } from "react";
import type * as React from "react";
import { Link, useNavigate } from "react-router";
import { toast } from "sonner";
import { ErrorAlert } from "@/components/error-alert";
import { ListEmpty, ListError } from "@/components/list/list-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LoadingRegion } from "@/components/ui/loading-region";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { PendingButton } from "@/components/ui/pending-button";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useServerEvent } from "@/lib/realtime/use-server-event";
import { useFileUrl } from "../api/file-url";
import { useVersion } from "../api/get-version";
import { useRestoreVersion } from "../api/restore-version";
import { useRenderSession, type RenderSession } from "../hooks/use-render-session";
import { versionSourceLabel } from "../utils/format";
import { STARTERS } from "../utils/starters";
import { CodePanel, UnchangedNotice } from "./code-panel";
import { DownloadBar } from "./download-bar";
import { ModelPreviews, type ModelViewerProps } from "./model-previews";
import { ParametersPanel, type TypedValues } from "./parameters-panel";
import { AttentionDot } from "./attention-dot";
import { VersionDetails } from "./version-details";

export type { ModelViewerProps };

export type ModelTab = "model" | "code";

/**
 * What the chat should say about its model outside the Code tab: the last render failed (`fixRequest` is the
 * message that asks the AI to mend it), or the editor holds edits not rendered yet.
 */
export type ModelStatus = { kind: "failed"; message: string; fixRequest: string } | { kind: "unrendered" } | null;

/** The words "Fix with AI" sends: the error and its line, the traceback, and what was rendered if no version has it. */
function fixRequest(state: Extract<RenderSession["state"], { status: "failed" }>, current: string | undefined) {
  const { failure, body } = state;
  const fence = (lang: string, text: string) => `\`\`\`${lang}\n${text.trim()}\n\`\`\``;
  const values = Object.entries(body.parameters ?? {}).map(([name, value]) => `${name} = ${String(value)}`);
  return [
    `The last render failed${failure?.line ? ` on line ${failure.line}` : ""}: ${failure?.message ?? state.error.message}`,
    failure?.traceback && fence("", failure.traceback),
    values.length > 0 && `It was rendered with ${values.join(", ")}.`,
    body.code !== current && `This is the code that failed:\n\n${fence("python", body.code)}`,
    "Please fix it.",
  ]
    .filter(Boolean)
    .join("\n\n")
    .slice(0, MAX_MESSAGE_CHARS);
}

type ModelPaneProps = {
  chat: ChatContext;
  /** The version in the address, or the chat's current one. */
  versionId: string | null;
  versions: VersionSummary[] | undefined;
  versionHref: (versionId: string) => string;
  compareHref: (a: string, b: string) => string;
  /** A new version was made here: the workspace shows it. */
  /** A version was made here (a render) or by the AI; the chat's current one is now the one to show. */
  onVersionCreated: () => void;
  /** What shows a version: the PNG previews now, the 3D viewer once it lands (same props). */
  Viewer?: React.ComponentType<ModelViewerProps>;
  /** More actions on the viewed version (sharing it), handed in by the route. */
  VersionActions?: React.ComponentType<{ version: Version }>;
  faces?: ModelViewerProps["faces"];
  onFacesChange?: ModelViewerProps["onFacesChange"];
  /** Code to start an empty chat with (a starter the person picked). */
  initialCode?: string;
  /** Model or Code: the workspace holds it, because on a phone its own tabs choose it. */
  tab: ModelTab;
  onTabChange: (tab: ModelTab) => void;
  /** Tells the workspace when the last render failed or edits wait, and when that is over. */
  onStatusChange?: (status: ModelStatus) => void;
  /** Said on the Code tab while there is a status. */
  attention?: string | null;
};

function RenderAnnouncer({ session }: { session: RenderSession }) {
  const { state } = session;
  const text =
    state.status === "rendering"
      ? "Rendering…"
      : state.status === "done"
        ? `Version ${state.response.version.number} is ready.`
        : state.status === "failed"
          ? `Render failed: ${state.failure?.message ?? state.error.message}`
          : "";
  return (
    <p role="status" className="sr-only">
      {text}
    </p>
  );
}

function VersionPicker({
  versions,
  version,
  currentId,
  onSelect,
}: {
  versions: VersionSummary[];
  version: VersionSummary;
  currentId: string | null;
  onSelect: (id: string) => void;
}) {
  const numberOf = (id: string) => versions.find((v) => v.id === id)?.number;
  return (
    <NativeSelect
      aria-label="Version"
      value={version.id}
      // A row of its own on a phone, so the buttons beside it never cut its label short.
      className="w-full min-w-0 min-[900px]:w-auto min-[900px]:max-w-sm min-[900px]:flex-1"
      onChange={(event) => onSelect(event.target.value)}
    >
      {versions.map((v) => (
        <NativeSelectOption key={v.id} value={v.id}>
          {`Version ${v.number}${v.id === currentId ? " (current)" : ""} · ${versionSourceLabel(v, numberOf)}`}
        </NativeSelectOption>
      ))}
    </NativeSelect>
  );
}

function NoModelYet({ onPick }: { onPick: (code: string) => void }) {
  return (
    <ListEmpty
      icon={BoxIcon}
      title="No model yet"
      description="Paste build123d code into the Code tab and render it, or start from an example."
    >
      <div className="flex flex-wrap justify-center gap-2">
        {STARTERS.map((starter) => (
          <Button key={starter.id} variant="outline" size="sm" onClick={() => onPick(starter.code)}>
            {starter.name}
          </Button>
        ))}
      </div>
    </ListEmpty>
  );
}

function ModelSkeleton() {
  return (
    <LoadingRegion label="Loading the model…" className="grid gap-3">
      <Skeleton className="aspect-[4/3] w-full rounded-lg" />
      <div className="grid grid-cols-4 gap-2">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="aspect-square rounded-md" />
        ))}
      </div>
      <div className="flex gap-2">
        {[0, 1, 2, 3, 4].map((i) => (
          <Skeleton key={i} className="h-8 w-20" />
        ))}
      </div>
    </LoadingRegion>
  );
}

/**
 * The right-hand pane: the viewed version (previews or, later, the 3D viewer), its parameters, downloads and
 * measurements, and the code editor that renders the next version.
 */
function ModelPane({
  chat,
  versionId,
  versions,
  versionHref,
  compareHref,
  onVersionCreated,
  Viewer = ModelPreviews,
  VersionActions,
  faces,
  onFacesChange,
  initialCode = "",
  tab,
  onTabChange: setTab,
  onStatusChange,
  attention,
}: ModelPaneProps) {
  const fileUrl = useFileUrl();
  const navigate = useNavigate();
  const query = useVersion(versionId ?? undefined);
  const version: Version | undefined = query.data?.chat_context_id === chat.id ? query.data : undefined;
  // The chat's first version sets the sliders' suggested ranges, so they hold from one version to the next.
  const firstVersion = useVersion(versions?.at(-1)?.id).data;
  const [typed, setTyped] = useState<TypedValues>({});
  const [dirty, setDirty] = useState(false);
  const [starter, setStarter] = useState(initialCode);
  const restore = useRestoreVersion(chat.id);
  const session = useRenderSession(chat.id, (_response, origin) => {
    // Rendered from the editor: show what came out.
    if (origin === "code") setTab("model");
    onVersionCreated();
  });
  // An answer of the AI that made a model opens it, as a render from the editor does.
  useServerEvent("chat.version.created", ({ chat_context_id: id, version }) => {
    if (id !== chat.id || version.source !== "ai") return;
    setTab("model");
    // The AI's version answers the failure the header showed.
    if (session.state.status === "failed") session.cancel();
    onVersionCreated();
  });

  const { state } = session;
  const status: ModelStatus =
    state.status === "failed"
      ? {
          kind: "failed",
          message: state.failure?.message ?? state.error.message,
          fixRequest: fixRequest(state, version?.code),
        }
      : dirty
        ? { kind: "unrendered" }
        : null;
  const statusKey = status && (status.kind === "failed" ? status.fixRequest : status.kind);
  useEffect(() => {
    onStatusChange?.(status);
    // Keyed by its content: each render makes a new object for the same status.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [statusKey]);
  const currentId = chat.current_version?.id ?? null;
  const summary = versions?.find((v) => v.id === versionId) ?? (version && versions ? undefined : chat.current_version);
  const older = version && currentId && version.id !== currentId;
  const previous = versions?.find((v) => version && v.number < version.number);

  let modelBody: React.ReactNode;
  if (!versionId) {
    modelBody = (
      <NoModelYet
        onPick={(code) => {
          setStarter(code);
          setTab("code");
        }}
      />
    );
  } else if (query.error || (query.data && !version)) {
    modelBody = (
      <ListError
        what="this version"
        error={query.error ?? new Error("This version is not part of this chat.")}
        retrying={query.isFetching}
        onRetry={() => void query.refetch()}
      />
    );
  } else if (!version) {
    modelBody = <ModelSkeleton />;
  } else {
    modelBody = (
      <div className="grid gap-4">
        <div className="relative">
          <Viewer version={version} fileUrl={fileUrl} faces={faces} onFacesChange={onFacesChange} />
          {session.state.status === "rendering" && (
            <div className="absolute top-2 right-2 flex items-center gap-2 rounded-full border bg-background/90 px-3 py-1 text-xs font-medium shadow-sm">
              <Spinner aria-hidden="true" className="size-3.5" /> Rendering…
            </div>
          )}
        </div>
        {session.state.status === "failed" && session.state.origin === "parameters" && (
          <ErrorAlert
            error={
              session.state.failure
                ? new Error(`With these values the script failed: ${session.state.failure.message}`)
                : session.state.error
            }
            titles={{ render_unavailable: "The render service is unavailable" }}
          />
        )}
        {session.state.status === "unchanged" && session.state.origin === "parameters" && (
          <UnchangedNotice version={session.state.version} href={versionHref(session.state.version.id)} />
        )}
        <ParametersPanel
          version={version}
          session={session}
          firstCode={firstVersion?.chat_context_id === chat.id ? firstVersion.code : undefined}
          typed={typed}
          onTyped={(name, value) =>
            setTyped((all) => {
              const [low = value, high = value] = all[name] ?? [];
              return value >= low && value <= high
                ? all
                : { ...all, [name]: [Math.min(low, value), Math.max(high, value)] };
            })
          }
        />
        <DownloadBar version={version} fileUrl={fileUrl} />
        <VersionDetails version={version} />
      </div>
    );
  }

  return (
    <section aria-label="Model" className="flex min-h-0 flex-1 flex-col">
      <RenderAnnouncer session={session} />
      <div className="flex min-h-12 flex-wrap items-center gap-2 border-b px-3 py-2">
        {versions && summary ? (
          <VersionPicker
            versions={versions}
            version={summary}
            currentId={currentId}
            onSelect={(id) => void navigate(versionHref(id))}
          />
        ) : versionId ? (
          <Skeleton className="h-8 w-48" />
        ) : (
          <span className="text-sm text-muted-foreground">No versions yet</span>
        )}
        {older && (
          <Badge variant="warning" className="gap-1">
            <History aria-hidden="true" /> Older version
          </Badge>
        )}
        <div className="ml-auto flex items-center gap-1.5">
          {older && (
            <PendingButton
              size="sm"
              variant="outline"
              pending={restore.isPending}
              pendingLabel="Restoring…"
              icon={<RotateCcwIcon aria-hidden="true" />}
              onClick={() =>
                restore.mutate(version.id, {
                  onSuccess: (response) => {
                    toast.success(`Version ${version.number} restored as version ${response.version.number}`);
                    onVersionCreated();
                  },
                  onError: (error) => toast.error("Couldn't restore the version", { description: error.message }),
                })
              }
            >
              Restore
            </PendingButton>
          )}
          {version && VersionActions && <VersionActions version={version} />}
          {version && previous && (
            <Button asChild size="sm" variant="ghost">
              <Link to={compareHref(previous.id, version.id)}>
                <GitCompareIcon aria-hidden="true" /> Compare
              </Link>
            </Button>
          )}
        </div>
      </div>
      <Tabs value={tab} onValueChange={(value) => setTab(value as ModelTab)} className="min-h-0 flex-1 gap-0">
        {/* On a phone the workspace's row of tabs chooses Model or Code. */}
        <div className="hidden px-3 pt-3 min-[900px]:block">
          <TabsList aria-label="Model pane" className="w-full">
            <TabsTrigger value="model">
              <BoxIcon aria-hidden="true" /> Model
            </TabsTrigger>
            <TabsTrigger value="code" className="relative">
              <CodeIcon aria-hidden="true" /> Code
              {attention && <AttentionDot label={attention} />}
            </TabsTrigger>
          </TabsList>
        </div>
        <TabsContent value="model" className="min-h-0 overflow-y-auto p-3">
          {modelBody}
        </TabsContent>
        {/* The editor keeps its text and undo history while the Model tab is shown. */}
        <TabsContent value="code" forceMount className="flex min-h-0 flex-col p-3 data-[state=inactive]:hidden">
          <CodePanel
            version={version}
            initialCode={starter}
            session={session}
            versionHref={versionHref}
            onDirtyChange={setDirty}
          />
        </TabsContent>
      </Tabs>
    </section>
  );
}

export { ModelPane };
