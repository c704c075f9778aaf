import type { RenderCodeRequest, RenderCodeResponse, Version } from "@chat3d/shared";
import { useEffect, useRef, useState } from "react";
import { renderFailure, useRenderCode, type RenderFailure } from "../api/render-code";

export type RenderOrigin = "code" | "parameters";

export type RenderState =
  | { status: "idle" }
  | { status: "rendering"; origin: RenderOrigin }
  | { status: "failed"; origin: RenderOrigin; failure: RenderFailure | null; error: Error; body: RenderCodeRequest }
  | { status: "done"; origin: RenderOrigin; response: RenderCodeResponse }
  /** Nothing to render: the chat's current version already has this code and these values. */
  | { status: "unchanged"; origin: RenderOrigin; version: Version };

export type RenderSession = {
  state: RenderState;
  /** Starts a render; one still running is dropped first (the server stops it and keeps nothing). */
  render: (body: RenderCodeRequest, origin: RenderOrigin) => void;
  cancel: () => void;
};

/** One render at a time for a chat's model pane, whether the code or a slider asked for it. */
export function useRenderSession(
  chatId: string,
  onRendered: (response: RenderCodeResponse, origin: RenderOrigin) => void,
): RenderSession {
  const { mutateAsync } = useRenderCode(chatId);
  const running = useRef<AbortController | null>(null);
  const [state, setState] = useState<RenderState>({ status: "idle" });

  useEffect(() => () => running.current?.abort(), [chatId]);

  const render = (body: RenderCodeRequest, origin: RenderOrigin) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setState({ status: "rendering", origin });
    mutateAsync({ body, signal: controller.signal }).then(
      (response) => {
        if (running.current !== controller) return;
        running.current = null;
        if ("unchanged" in response) return setState({ status: "unchanged", origin, version: response.version });
        setState({ status: "done", origin, response });
        onRendered(response, origin);
      },
      (error: Error) => {
        if (controller.signal.aborted) return;
        running.current = null;
        setState({ status: "failed", origin, failure: renderFailure(error), error, body });
      },
    );
  };

  const cancel = () => {
    running.current?.abort();
    running.current = null;
    setState({ status: "idle" });
  };

  return { state, render, cancel };
}
