import http from "node:http";

export interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

export interface SseStream {
  status: number;
  raw: () => string;
  events: SseEvent[];
  next(predicate?: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  ended: Promise<void>;
  pause(): void;
  resume(): void;
  close(): void;
}

/**
 * A raw-HTTP SSE client: it keeps every byte received, so tests can check the framing, and parses events
 * the way the WHATWG algorithm does (fields per line, dispatch on a blank line).
 */
export function openStream(
  baseUrl: string,
  opts: { cookie?: string; bearer?: string; lastEventId?: string; query?: string },
): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const url = new URL(`/api/events/stream${opts.query ?? ""}`, baseUrl);
    const req = http.get(url, {
      headers: {
        accept: "text/event-stream",
        ...(opts.cookie && { cookie: opts.cookie }),
        ...(opts.bearer && { authorization: `Bearer ${opts.bearer}` }),
        ...(opts.lastEventId && { "last-event-id": opts.lastEventId }),
      },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      let raw = "";
      let buffer = "";
      const events: SseEvent[] = [];
      const waiters: Array<() => void> = [];
      let endResolve!: () => void;
      const ended = new Promise<void>((r) => (endResolve = r));
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let split;
        while ((split = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event: Partial<SseEvent> & { dataLines: string[] } = { dataLines: [] };
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const [field, ...rest] = line.split(": ");
            const value = rest.join(": ");
            if (field === "id") event.id = value;
            if (field === "event") event.event = value;
            if (field === "data") event.dataLines.push(value);
          }
          if (event.dataLines.length) {
            events.push({
              id: event.id,
              event: event.event ?? "message",
              data: JSON.parse(event.dataLines.join("\n")),
            });
            for (const w of waiters.splice(0)) w();
          }
        }
      });
      let isEnded = false;
      const finish = () => {
        isEnded = true;
        endResolve();
      };
      res.on("end", finish);
      res.on("close", finish);
      let cursor = 0;
      resolve({
        status: res.statusCode ?? 0,
        raw: () => raw,
        events,
        async next(predicate = () => true, timeoutMs = 5000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            while (cursor < events.length) {
              const e = events[cursor++]!;
              if (predicate(e)) return e;
            }
            const left = deadline - Date.now();
            if (isEnded) throw new Error(`the stream ended; got ${JSON.stringify(events)}`);
            if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`);
            await Promise.race([
              new Promise<void>((r) => waiters.push(r)),
              new Promise((r) => setTimeout(r, left)),
              ended,
            ]);
          }
        },
        ended,
        pause: () => res.pause(),
        resume: () => res.resume(),
        close: () => req.destroy(),
      });
    });
  });
}
