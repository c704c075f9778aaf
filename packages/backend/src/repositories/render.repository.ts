import { createHash } from "node:crypto";
import { multipartBoundary, parseMultipart, type Part } from "../lib/multipart.js";
import {
  RenderErrorResponseSchema,
  RenderManifestSchema,
  ScriptErrorTypeSchema,
  type RenderRequest,
  type RenderResult,
  type ScriptErrorType,
} from "./render.contract.js";
import { sleep } from "../lib/sleep.js";

export type { RenderResult, ScriptErrorType };

/** The script itself failed: the user (or the LLM) can fix it from the type, line and traceback. */
export class RenderScriptError extends Error {
  constructor(
    readonly type: ScriptErrorType,
    message: string,
    readonly line: number | null,
    readonly traceback: string | null,
  ) {
    super(message);
    this.name = "RenderScriptError";
  }
}

/** The service could not do the work (down, overloaded after retries, or answered outside its contract). */
export class RenderUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RenderUnavailableError";
  }
}

export interface RenderClientOptions {
  timeoutMs: number;
  /** Attempts on 503 "busy" only: other failures are not retried, so a script never runs twice. */
  busyRetries: number;
  maxRetryAfterMs: number;
}

const DEFAULTS: RenderClientOptions = { timeoutMs: 90_000, busyRetries: 3, maxRetryAfterMs: 10_000 };

const outsideContract = (cause?: unknown) =>
  new RenderUnavailableError("The render service answered outside its contract.", { cause });

function jsonOf(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The manifest part, checked against the contract, with each file and preview's bytes checked against it. */
function resultOf(raw: Buffer, boundary: string | undefined): RenderResult {
  let parts: Part[];
  try {
    if (!boundary) throw new Error("not a multipart answer");
    parts = parseMultipart(raw, boundary);
  } catch (err) {
    throw outsideContract(err);
  }
  const [first, ...rest] = parts;
  const manifest = RenderManifestSchema.safeParse(first && jsonOf(first.data));
  if (!manifest.success) throw outsideContract(manifest.error);
  const bytes = new Map(rest.map((part) => [part.name, part.data]));
  const withData = <T extends { sha256: string; bytes: number }>(group: string, entries: Partial<Record<string, T>>) =>
    Object.fromEntries(
      Object.entries(entries).map(([name, entry]) => {
        const data = bytes.get(`${group}.${name}`);
        // The checksum guards against a truncated or corrupted transfer.
        if (!data || !entry || createHash("sha256").update(data).digest("hex") !== entry.sha256) {
          throw outsideContract(new Error(`${group}.${name} is missing or failed its checksum`));
        }
        return [name, { ...entry, data }];
      }),
    );
  return {
    ...manifest.data,
    files: withData("files", manifest.data.files),
    previews: withData("previews", manifest.data.previews),
  };
}

/** The HTTP boundary to the build123d render service; every answer is checked against its contract. */
export class RenderRepository {
  private readonly options: RenderClientOptions;

  constructor(
    private readonly baseUrl: string,
    options: Partial<RenderClientOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** True when the service answers that its worker pool is warm. */
  async isReady(timeoutMs = 2000): Promise<boolean> {
    const res = await fetch(new URL("/readyz", this.baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.ok;
  }

  /** `signal` ends the request early (a superseded slider value, a closed tab); the service stops the job. */
  async render(request: RenderRequest, signal?: AbortSignal): Promise<RenderResult> {
    const signals = [AbortSignal.timeout(this.options.timeoutMs), ...(signal ? [signal] : [])];
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      let raw: Buffer;
      try {
        res = await fetch(new URL("/render/", this.baseUrl), {
          method: "POST",
          // The files and previews come as bytes in parts of their own, never as base64 in the JSON.
          headers: { "content-type": "application/json", accept: "multipart/mixed, application/json" },
          body: JSON.stringify(request),
          signal: AbortSignal.any(signals),
        });
        raw = Buffer.from(await res.arrayBuffer());
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        throw new RenderUnavailableError("The render service did not answer.", { cause: err });
      }

      if (res.status === 200) return resultOf(raw, multipartBoundary(res.headers.get("content-type")));
      const body = jsonOf(raw);
      if (res.status === 422 || res.status === 413) {
        const parsed = RenderErrorResponseSchema.safeParse(body);
        const type = ScriptErrorTypeSchema.safeParse(parsed.data?.error.type);
        if (res.status === 413)
          throw new RenderScriptError("runtime", "The script is too large to render.", null, null);
        if (parsed.success && type.success) {
          const { message, line, traceback } = parsed.data.error;
          throw new RenderScriptError(type.data, message, line ?? null, traceback ?? null);
        }
        throw outsideContract();
      }
      if ((res.status === 503 || res.status === 429) && attempt < this.options.busyRetries) {
        const retryAfterS = Number(res.headers.get("retry-after")) || 1;
        await sleep(Math.min(retryAfterS * 1000, this.options.maxRetryAfterMs), signal);
        continue;
      }
      throw new RenderUnavailableError(
        res.status === 503 || res.status === 429
          ? "The render service is busy. Try again in a moment."
          : `The render service answered ${res.status}.`,
      );
    }
  }
}
