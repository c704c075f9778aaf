// The Chat3D REST API as the CLI uses it: the bearer token on every request, errors in the API's own words.

/** @typedef {import("@chat3d/shared").ChatContext} ChatContext */
/** @typedef {import("@chat3d/shared").ChatItem} ChatItem */
/** @typedef {import("@chat3d/shared").QueryStatus} QueryStatus */
/** @typedef {import("@chat3d/shared").RenderCodeOutcome} RenderCodeOutcome */
/** @typedef {import("@chat3d/shared").Version} Version */

/** A failure to show the person as it is: the API's message, or why the API could not be reached. */
export class CliError extends Error {
  /**
   * @param {string} message
   * @param {{ code?: string, details?: unknown }} [info]
   */
  constructor(message, info = {}) {
    super(message);
    this.name = "CliError";
    this.code = info.code;
    this.details = info.details;
  }
}

export class Chat3dApi {
  /**
   * @param {string} baseUrl e.g. http://localhost:3001
   * @param {string} token a personal access token (c3d_pat_…)
   */
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.token = token;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @param {Record<string, string>} [headers]
   * @returns {Promise<Response>}
   */
  async fetch(method, path, body, headers = {}) {
    let res;
    try {
      res = await fetch(this.baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body !== undefined && { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
      throw new CliError(
        `Cannot reach Chat3D at ${this.baseUrl}${cause}. Is it running? (CHAT3D_URL sets the address.)`,
      );
    }
    if (res.ok) return res;
    const text = await res.text();
    /** @type {{ error?: { code?: string, message?: string, details?: unknown } }} */
    let parsed = {};
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not the API's error shape (a proxy's page): report the status alone.
    }
    const error = parsed.error;
    if (res.status === 401) {
      throw new CliError(
        `${error?.message ?? "Not signed in."} Check CHAT3D_TOKEN (make one in Profile → Access tokens).`,
        { code: "unauthorized" },
      );
    }
    throw new CliError(error?.message ?? `Chat3D answered ${res.status} ${res.statusText}.`, {
      code: error?.code,
      details: error?.details,
    });
  }

  /**
   * @template T
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<T>}
   */
  async json(method, path, body) {
    return /** @type {T} */ (await (await this.fetch(method, path, body)).json());
  }

  /**
   * @param {string} name
   * @returns {Promise<ChatContext>}
   */
  async createChat(name) {
    return /** @type {{ context: ChatContext }} */ (await this.json("POST", "/api/chat/contexts", { name })).context;
  }

  /**
   * @param {string} chatId
   * @param {string} code
   * @returns {Promise<RenderCodeOutcome>}
   */
  render(chatId, code) {
    return this.json("POST", `/api/chat/contexts/${encodeURIComponent(chatId)}/render`, { code });
  }

  /**
   * @param {string} chatId
   * @param {string} query
   * @returns {Promise<{ query: QueryStatus, items: ChatItem[] }>}
   */
  ask(chatId, query) {
    return this.json("POST", "/api/query", { chat_context_id: chatId, query });
  }

  /**
   * @param {string} chatId
   * @returns {Promise<ChatItem[]>}
   */
  async items(chatId) {
    const page = /** @type {{ items: ChatItem[] }} */ (
      await this.json("GET", `/api/chat/contexts/${encodeURIComponent(chatId)}/items?limit=50`)
    );
    return page.items;
  }

  /**
   * @param {string} versionId
   * @returns {Promise<Version>}
   */
  async version(versionId) {
    return /** @type {{ version: Version }} */ (await this.json("GET", `/api/chat/versions/${versionId}`)).version;
  }

  /**
   * @param {string} fileId
   * @returns {Promise<Buffer>}
   */
  async download(fileId) {
    return Buffer.from(await (await this.fetch("GET", `/api/files/${fileId}`)).arrayBuffer());
  }

  /**
   * The person's event stream (SSE), parsed: yields each event's name and JSON data. Resolves `ready` once
   * the server has said it is listening, so nothing that happens after is missed.
   * @param {AbortSignal} signal
   */
  async events(signal) {
    const res = await this.fetch("GET", "/api/events/stream", undefined, { accept: "text/event-stream" });
    if (!res.body) throw new CliError("The event stream has no body.");
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    signal.addEventListener("abort", () => void reader.cancel().catch(() => undefined), { once: true });
    return (async function* () {
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value.replace(/\r\n?/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          const data = [];
          for (const line of block.split("\n")) {
            if (line.startsWith("event:")) event = line.slice(6).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
          }
          if (data.length) yield { event, data: /** @type {any} */ (JSON.parse(data.join("\n"))) };
        }
      }
    })();
  }
}
