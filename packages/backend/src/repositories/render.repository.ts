export type RenderFormat = "step" | "stl" | "3mf" | "glb";
export type ScriptErrorType = "syntax" | "runtime" | "timeout" | "memory" | "forbidden" | "no_result" | "export";

export interface RenderedFile {
  base64: string;
  sha256: string;
  bytes: number;
}

export interface RenderResult {
  files: Partial<Record<RenderFormat, RenderedFile>>;
  metrics: {
    bounding_box: { min: number[]; max: number[]; size: number[] };
    volume: number | null;
    surface_area: number | null;
    solids: number;
    watertight: boolean;
    triangles: number;
  };
  timings: { queue_ms: number; exec_ms: number; export_ms: number; total_ms: number };
}

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

/** The service could not do the work (down, overloaded after retries, or answered nonsense). */
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

/** The HTTP boundary to the build123d render service. */
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

  async render(
    code: string,
    formats: RenderFormat[],
    quality: "draft" | "normal" | "fine" = "normal",
  ): Promise<RenderResult> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(new URL("/render/", this.baseUrl), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ code, formats, quality }),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (err) {
        throw new RenderUnavailableError("The render service did not answer.", { cause: err });
      }
      const body = (await res.json().catch(() => undefined)) as
        | (RenderResult & { error?: { type: string; message: string; line: number | null; traceback: string | null } })
        | undefined;

      if (res.status === 200 && body?.files) return body;
      if (res.status === 422 && body?.error) {
        const { type, message, line, traceback } = body.error;
        throw new RenderScriptError(type as ScriptErrorType, message, line ?? null, traceback ?? null);
      }
      if (res.status === 503 && attempt < this.options.busyRetries) {
        const retryAfterS = Number(res.headers.get("retry-after")) || 1;
        await new Promise((r) => setTimeout(r, Math.min(retryAfterS * 1000, this.options.maxRetryAfterMs)));
        continue;
      }
      if (res.status === 413) throw new RenderScriptError("runtime", "The script is too large to render.", null, null);
      throw new RenderUnavailableError(
        res.status === 503
          ? "The render service is busy. Try again in a moment."
          : `The render service answered ${res.status}.`,
      );
    }
  }
}
