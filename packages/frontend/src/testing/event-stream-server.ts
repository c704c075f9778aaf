import type { IncomingMessage, ServerResponse } from "node:http";

export type SentEvent = { id?: string; event: string; data: unknown };

/** The server's side of one open event stream, framed as the API frames it. */
export type StreamConnection = {
  /** The request's URL, for its `lastEventId` query parameter. */
  url: URL;
  /** The `Last-Event-ID` header the EventSource sent on its own reconnect. */
  lastEventIdHeader: string | undefined;
  readonly closed: boolean;
  send(event: SentEvent): void;
  /** Writes raw text, for frames the API would never send. */
  write(text: string): void;
  /** Ends the response, as the API does on logout or a restart. */
  end(): void;
};

export function sseFrame({ id, event, data }: SentEvent): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Answers `req` with an event stream: `retry:`, then `ready` carrying the id to resume from. */
export function openStream(
  req: IncomingMessage,
  res: ServerResponse,
  { retryMs = 3_000, lastEventId = "0" }: { retryMs?: number; lastEventId?: string } = {},
): StreamConnection {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  let closed = false;
  res.on("close", () => (closed = true));
  const write = (text: string) => {
    if (!closed) res.write(text);
  };
  write(`retry: ${retryMs}\n\n`);
  write(sseFrame({ event: "ready", data: { last_event_id: lastEventId } }));
  const header = req.headers["last-event-id"];
  return {
    url: new URL(req.url ?? "/", "http://localhost"),
    lastEventIdHeader: typeof header === "string" ? header : undefined,
    get closed() {
      return closed;
    },
    send: (event) => write(sseFrame(event)),
    write,
    end: () => res.end(),
  };
}
