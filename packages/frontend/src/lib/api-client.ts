import { ApiErrorSchema, FieldErrorsSchema, type FieldErrors } from "@chat3d/shared";

/** Anything with zod's `parse`, so callers pass shared schemas without this module depending on zod. */
export type ResponseParser<T> = { parse(data: unknown): T };

type ApiClientErrorInit = {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  fieldErrors?: FieldErrors;
  cause?: unknown;
};

/** Every failure of an API call: an error the server sent, an unreachable server, or an answer we cannot read. */
export class ApiClientError extends Error {
  override readonly name = "ApiClientError";
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Validation messages by field name; empty unless the server rejected input. */
  readonly fieldErrors: FieldErrors;

  constructor({ status, code, message, details, fieldErrors = {}, cause }: ApiClientErrorInit) {
    super(message, { cause });
    this.status = status;
    this.code = code;
    this.details = details;
    this.fieldErrors = fieldErrors;
  }
}

export type RequestOptions<T> = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  schema?: ResponseParser<T>;
  /** Statuses outside 2xx whose body is an answer, not an error (GET /api/ready reports "not ready" with 503). */
  acceptStatus?: readonly number[];
  headers?: HeadersInit;
  signal?: AbortSignal;
  /** Called as the body goes out (fetch cannot tell): the request is sent with XMLHttpRequest instead. */
  onUploadProgress?: (sent: number, total: number) => void;
};

type BodylessOptions<T> = Omit<RequestOptions<T>, "method" | "body">;

export type ApiClient = {
  request<T = unknown>(path: string, options?: RequestOptions<T>): Promise<T>;
  get<T = unknown>(path: string, options?: BodylessOptions<T>): Promise<T>;
  post<T = unknown>(path: string, body?: unknown, options?: BodylessOptions<T>): Promise<T>;
  put<T = unknown>(path: string, body?: unknown, options?: BodylessOptions<T>): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown, options?: BodylessOptions<T>): Promise<T>;
  delete<T = unknown>(path: string, options?: BodylessOptions<T>): Promise<T>;
  /** A GET whose answer is a file's bytes (a model to draw); failures are the same ApiClientError. */
  bytes(path: string, options?: Omit<BodylessOptions<ArrayBuffer>, "schema">): Promise<ArrayBuffer>;
  /** The absolute address of an API path, for what the browser fetches itself (an image, a download link). */
  url(path: string): string;
  /**
   * Called when a 401 could not be cured by refreshing the session: the person is signed out.
   * Returns the unsubscribe function.
   */
  onSessionEnded(listener: () => void): () => void;
};

export type ApiClientOptions = {
  /** Origin (and prefix) requests go to; empty means the page's own origin, where /api is served or proxied. */
  baseUrl?: string;
};

// The auth endpoints answer 401 for a reason a refresh cannot fix (wrong password, no session to refresh).
const NO_REFRESH_PATHS = /^\/api\/auth\/(login|register|refresh|logout)(?:[?#]|$)/;

const UNREACHABLE_MESSAGE = "Can't reach the Chat3D server. Check your connection and try again.";

type Payload =
  { kind: "empty" } | { kind: "json"; value: unknown } | { kind: "bytes"; value: ArrayBuffer } | { kind: "other" };

async function readPayload(response: Response, binary: boolean): Promise<Payload> {
  if (binary && response.ok) return { kind: "bytes", value: await response.arrayBuffer() };
  const text = await response.text();
  if (text.trim() === "") return { kind: "empty" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "other" };
  }
}

function errorFromResponse(response: Response, payload: Payload): ApiClientError {
  const parsed = payload.kind === "json" ? ApiErrorSchema.safeParse(payload.value) : undefined;
  if (parsed?.success) {
    const { code, message, details } = parsed.data.error;
    const fieldErrors = FieldErrorsSchema.safeParse(details);
    return new ApiClientError({
      status: response.status,
      code,
      message,
      details,
      fieldErrors: fieldErrors.success ? fieldErrors.data : {},
    });
  }
  // No error body: a proxy in front of the API answered (nginx 502 while the API restarts, for example).
  const gatewayDown = response.status === 502 || response.status === 503 || response.status === 504;
  return new ApiClientError({
    status: response.status,
    code: `http_${response.status}`,
    message: gatewayDown
      ? `The Chat3D server is unavailable right now (HTTP ${response.status}). Try again in a moment.`
      : `The server answered with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
  });
}

function parsePayload<T>(payload: Payload, schema: ResponseParser<T> | undefined): T {
  if (payload.kind === "bytes") return payload.value as T;
  if (payload.kind === "other") throw new TypeError("Response body is not JSON");
  const data = payload.kind === "json" ? payload.value : undefined;
  return schema ? schema.parse(data) : (data as T);
}

function invalidResponse(status: number, cause?: unknown) {
  return new ApiClientError({
    status,
    code: "invalid_response",
    message: "The server sent an answer this app doesn't understand. Reload the page to get the latest version.",
    cause,
  });
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** `fetch` for a request whose upload progress someone watches; answers a Response like fetch does. */
function sendWithProgress(
  url: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
  onProgress: (sent: number, total: number) => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method ?? "GET", url);
    xhr.withCredentials = true;
    new Headers(init.headers).forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.addEventListener("progress", (event) => onProgress(event.loaded, event.total));
    xhr.addEventListener("load", () => {
      const headers = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/\r?\n/)) {
        const at = line.indexOf(":");
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      const body = NULL_BODY_STATUSES.has(xhr.status) ? null : xhr.responseText;
      resolve(new Response(body, { status: xhr.status, statusText: xhr.statusText, headers }));
    });
    xhr.addEventListener("error", () => reject(new TypeError("Network request failed")));
    xhr.addEventListener("abort", () => reject(new DOMException("The upload was stopped.", "AbortError")));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(init.body as XMLHttpRequestBodyInit | null | undefined);
  });
}

export function createApiClient({ baseUrl = "" }: ApiClientOptions = {}): ApiClient {
  const sessionEndedListeners = new Set<() => void>();
  // Single flight: every 401 that arrives while a refresh is running waits for that one refresh.
  let refreshing: Promise<boolean> | null = null;
  // Bumped by each successful refresh, so a 401 for a request sent before it retries without refreshing again.
  let sessionGeneration = 0;

  async function send(
    path: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
    onUploadProgress?: RequestOptions<unknown>["onUploadProgress"],
    binary = false,
  ) {
    try {
      // Auth rides on HttpOnly cookies set by the server; this client never sees or stores a token.
      const response = onUploadProgress
        ? await sendWithProgress(`${baseUrl}${path}`, init, signal, onUploadProgress)
        : await fetch(`${baseUrl}${path}`, { ...init, credentials: "include", signal });
      return { response, payload: await readPayload(response, binary) };
    } catch (cause) {
      // Cancellation (TanStack Query aborting a stale request) is not a failure to report.
      if (signal?.aborted) throw cause;
      throw new ApiClientError({ status: 0, code: "network_error", message: UNREACHABLE_MESSAGE, cause });
    }
  }

  /** True when the session was renewed; false when the server says it is over. */
  function refreshSession(): Promise<boolean> {
    refreshing ??= send("/api/auth/refresh", { method: "POST", headers: { Accept: "application/json" } }, undefined)
      .then(({ response, payload }) => {
        if (response.ok) {
          sessionGeneration += 1;
          return true;
        }
        if (response.status === 401) {
          for (const listener of sessionEndedListeners) listener();
          return false;
        }
        throw errorFromResponse(response, payload);
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  async function request<T>(path: string, options: RequestOptions<T> = {}, binary = false): Promise<T> {
    const { method = "GET", body, schema, acceptStatus = [], signal, onUploadProgress } = options;
    const headers = new Headers(options.headers);
    headers.set("Accept", binary ? "*/*" : "application/json");

    let requestBody: BodyInit | undefined;
    if (body instanceof FormData) {
      requestBody = body;
    } else if (body !== undefined) {
      headers.set("Content-Type", "application/json");
      requestBody = JSON.stringify(body);
    }
    const init: RequestInit = { method, headers, body: requestBody };

    const generation = sessionGeneration;
    let { response, payload } = await send(path, init, signal, onUploadProgress, binary);
    if (response.status === 401 && !NO_REFRESH_PATHS.test(path)) {
      const renewed = generation !== sessionGeneration || (await refreshSession());
      if (renewed) ({ response, payload } = await send(path, init, signal, onUploadProgress, binary));
    }

    if (!response.ok && !acceptStatus.includes(response.status)) {
      throw errorFromResponse(response, payload);
    }
    try {
      return parsePayload(payload, schema);
    } catch (cause) {
      // An accepted non-2xx that does not parse came from something else (a proxy's own 503 page).
      throw response.ok ? invalidResponse(response.status, cause) : errorFromResponse(response, payload);
    }
  }

  return {
    request,
    get: (path, options) => request(path, { ...options, method: "GET" }),
    post: (path, body, options) => request(path, { ...options, method: "POST", body }),
    put: (path, body, options) => request(path, { ...options, method: "PUT", body }),
    patch: (path, body, options) => request(path, { ...options, method: "PATCH", body }),
    delete: (path, options) => request(path, { ...options, method: "DELETE" }),
    bytes: (path, options) => request<ArrayBuffer>(path, { ...options, method: "GET" }, true),
    url: (path) => `${baseUrl}${path}`,
    onSessionEnded(listener) {
      sessionEndedListeners.add(listener);
      return () => sessionEndedListeners.delete(listener);
    },
  };
}
