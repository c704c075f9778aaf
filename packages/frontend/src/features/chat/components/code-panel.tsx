import type { Version } from "@chat3d/shared";
import { CircleAlertIcon, CopyCheckIcon, PlayIcon, SquareIcon, TriangleAlertIcon } from "lucide-react";
import { useEffect, useId, useMemo, useState } from "react";
import { Link } from "react-router";
import { ErrorAlert } from "@/components/error-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PendingButton } from "@/components/ui/pending-button";
import type { RenderSession } from "../hooks/use-render-session";
import { STARTERS } from "../utils/starters";
import { CodeEditor } from "./code-editor";

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
export const RUN_SHORTCUT = isMac ? "⌘ Enter" : "Ctrl+Enter";

type CodePanelProps = {
  /** The version whose code the editor starts from; none in a chat without a model yet. */
  version: Version | undefined;
  /** Code to start with when there is no version (a starter script). */
  initialCode: string;
  session: RenderSession;
  /** Where a version is viewed: "nothing changed" points at the version that already is this code. */
  versionHref: (versionId: string) => string;
  /** The editor holds code that differs from what was last rendered (or is none), or no longer does. */
  onDirtyChange?: (dirty: boolean) => void;
};

/** Said where a render was asked for, when the chat's current version already is that code with those values. */
export function UnchangedNotice({ version, href }: { version: Version; href: string }) {
  return (
    <Alert role="status">
      <CopyCheckIcon aria-hidden="true" />
      <AlertTitle>Nothing changed</AlertTitle>
      <AlertDescription>
        <p>
          Version {version.number} already has this code and these values, so no new version was made.{" "}
          <Link to={href} className="font-medium text-primary underline underline-offset-4">
            View version {version.number}
          </Link>
        </p>
      </AlertDescription>
    </Alert>
  );
}

/** The version's code in the editor; Render (or Ctrl/Cmd+Enter) makes the edited code the next version. */
function CodePanel({ version, initialCode, session, versionHref, onDirtyChange }: CodePanelProps) {
  const [code, setCode] = useState(version?.code ?? initialCode);
  const [shown, setShown] = useState({ id: version?.id, initialCode });
  const hintId = useId();
  const errorId = useId();
  // Another version (or a starter) was opened: the editor shows its code.
  if (shown.id !== version?.id || (!version && shown.initialCode !== initialCode)) {
    setShown({ id: version?.id, initialCode });
    setCode(version?.code ?? initialCode);
  }

  const { state } = session;
  const rendering = state.status === "rendering";
  const failed = state.status === "failed" && state.origin === "code" ? state : null;
  const errorMark = useMemo(() => (failed?.failure?.line ? { line: failed.failure.line } : null), [failed]);
  const warnings = state.status === "done" && state.origin === "code" ? state.response.version.warnings : [];
  const unchanged = state.status === "unchanged" && state.origin === "code" ? state.version : null;
  // Edits the chat's model does not show yet: a version's code changed, or code typed where there is none.
  const dirty = Boolean(code.trim()) && code !== (version?.code ?? initialCode);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const run = () => {
    if (!code.trim() || rendering) return;
    session.render(
      {
        code,
        parent_version_id: version?.id,
        source: version && version.code !== code ? "edit" : "render",
      },
      "code",
    );
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      {!version && (
        <div role="group" aria-label="Examples" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-muted-foreground">Examples:</span>
          {STARTERS.map((starter) => (
            <Button
              key={starter.id}
              variant="outline"
              size="sm"
              aria-pressed={code === starter.code}
              onClick={() => setCode(starter.code)}
            >
              {starter.name}
            </Button>
          ))}
        </div>
      )}
      <div className="flex min-h-[16rem] flex-1 flex-col overflow-hidden rounded-lg border bg-card focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50">
        <CodeEditor
          value={code}
          onChange={setCode}
          onRun={run}
          errorMark={errorMark}
          label="build123d code"
          describedBy={[hintId, failed ? errorId : null].filter(Boolean).join(" ")}
          className="flex-1"
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <PendingButton
          pending={rendering}
          pendingLabel="Rendering…"
          icon={<PlayIcon aria-hidden="true" />}
          onClick={run}
          disabled={!code.trim()}
        >
          Render
        </PendingButton>
        {rendering && (
          <Button variant="ghost" onClick={session.cancel}>
            <SquareIcon aria-hidden="true" /> Cancel
          </Button>
        )}
        <p id={hintId} className="ml-auto text-xs text-muted-foreground">
          {/* A phone has no keyboard shortcut to offer. */}
          <span className="pointer-coarse:hidden">
            <kbd className="rounded border bg-muted px-1 py-0.5 font-mono text-[11px]">{RUN_SHORTCUT}</kbd>{" "}
            renders.{" "}
          </span>
          Bind the result to <code className="font-mono">root_part</code>.
        </p>
      </div>
      <div id={errorId}>
        {failed?.failure ? (
          <Alert variant="destructive">
            <CircleAlertIcon aria-hidden="true" />
            <AlertTitle>
              {failed.failure.line ? `Line ${failed.failure.line}: ` : ""}
              {failed.failure.type === "syntax" ? "Syntax error" : "The script failed"}
            </AlertTitle>
            <AlertDescription className="min-w-0">
              <p className="font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">{failed.failure.message}</p>
              {failed.failure.traceback && (
                <details className="w-full min-w-0">
                  <summary className="cursor-pointer text-xs">Traceback</summary>
                  {/* Wrapped, not scrolled sideways: a traceback's long path lines must fit the pane. */}
                  <pre className="mt-1 max-h-48 overflow-y-auto font-mono text-[11px] whitespace-pre-wrap [overflow-wrap:anywhere]">
                    {failed.failure.traceback}
                  </pre>
                </details>
              )}
            </AlertDescription>
          </Alert>
        ) : (
          failed && (
            <ErrorAlert error={failed.error} titles={{ render_unavailable: "The render service is unavailable" }} />
          )
        )}
      </div>
      {unchanged && <UnchangedNotice version={unchanged} href={versionHref(unchanged.id)} />}
      {warnings.length > 0 && (
        <Alert variant="warning">
          <TriangleAlertIcon aria-hidden="true" />
          <AlertTitle>The render service warned</AlertTitle>
          <AlertDescription>
            <ul className="ml-4 list-disc">
              {warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
      )}
    </div>
  );
}

export { CodePanel };
