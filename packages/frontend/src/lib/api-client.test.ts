import { HealthSchema } from "@chat3d/shared";
import { afterEach, describe, expect, it } from "vitest";
import { readBody, sendJson, startTestServer, type TestServer } from "@/testing/test-server";
import { ApiClientError, createApiClient } from "./api-client";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: Parameters<typeof startTestServer>[0]) {
  server = await startTestServer(handler);
  return createApiClient({ baseUrl: server.url });
}

async function caught(promise: Promise<unknown>): Promise<ApiClientError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiClientError);
  return error as ApiClientError;
}

describe("api client", () => {
  it("when the server answers JSON, then it returns the body parsed by the schema", async () => {
    const api = await clientFor((_req, res) => sendJson(res, 200, { status: "ok", version: "1.2.3", uptime_s: 5 }));

    await expect(api.get("/api/health", { schema: HealthSchema })).resolves.toEqual({
      status: "ok",
      version: "1.2.3",
      uptime_s: 5,
    });
  });

  it("when bytes are asked for, then the file's bytes come back and an error answer is still the shared error", async () => {
    const api = await clientFor((req, res) => {
      if (req.url === "/api/files/missing")
        return sendJson(res, 404, { error: { code: "not_found", message: "No file" } });
      res.writeHead(200, { "content-type": "model/gltf-binary" }).end(Buffer.from([0, 1, 2, 255]));
    });

    expect([...new Uint8Array(await api.bytes("/api/files/a"))]).toEqual([0, 1, 2, 255]);
    const error = await caught(api.bytes("/api/files/missing"));
    expect({ status: error.status, code: error.code }).toEqual({ status: 404, code: "not_found" });
  });

  it("when a body is sent, then it goes out as JSON with the method asked for", async () => {
    let received: { method?: string; contentType?: string; body?: unknown } = {};
    const api = await clientFor(async (req, res) => {
      received = {
        method: req.method,
        contentType: req.headers["content-type"],
        body: JSON.parse(await readBody(req)),
      };
      res.writeHead(204).end();
    });

    await expect(api.patch("/api/profile", { display_name: "Ada" })).resolves.toBeUndefined();
    expect(received).toEqual({
      method: "PATCH",
      contentType: "application/json",
      body: { display_name: "Ada" },
    });
  });

  it("when the server sends the shared error shape, then its status, code, message and field errors come through", async () => {
    const api = await clientFor((_req, res) =>
      sendJson(res, 422, {
        error: {
          code: "validation_error",
          message: "Some fields need attention.",
          details: { email: ["Enter a valid email address."], password: ["Too short.", "Needs a number."] },
        },
      }),
    );

    const error = await caught(api.post("/api/auth/register", { email: "nope" }));
    expect(error).toMatchObject({
      status: 422,
      code: "validation_error",
      message: "Some fields need attention.",
      fieldErrors: {
        email: ["Enter a valid email address."],
        password: ["Too short.", "Needs a number."],
      },
    });
  });

  it("when an error carries details that are not field errors, then fieldErrors stays empty", async () => {
    const api = await clientFor((_req, res) =>
      sendJson(res, 429, { error: { code: "rate_limited", message: "Slow down.", details: { retry_after_s: 30 } } }),
    );

    const error = await caught(api.get("/api/anything"));
    expect(error).toMatchObject({ status: 429, code: "rate_limited", fieldErrors: {} });
    expect(error.details).toEqual({ retry_after_s: 30 });
  });

  it("when a proxy answers with its own HTML error page, then the error names the status", async () => {
    const api = await clientFor((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body>502 Bad Gateway</body></html>");
    });

    const error = await caught(api.get("/api/health"));
    expect(error.status).toBe(502);
    expect(error.code).toBe("http_502");
    expect(error.message).toMatch(/unavailable right now \(HTTP 502\)/);
  });

  it("when nothing listens at the address, then it fails with network_error and status 0", async () => {
    server = await startTestServer(() => {});
    const api = createApiClient({ baseUrl: server.url });
    await server.close();
    server = undefined;

    const error = await caught(api.get("/api/health"));
    expect(error).toMatchObject({ status: 0, code: "network_error" });
    expect(error.message).toMatch(/can't reach the chat3d server/i);
  });

  it("when the connection drops mid-request, then it fails with network_error", async () => {
    const api = await clientFor((req) => {
      req.socket.destroy();
    });

    expect((await caught(api.get("/api/health"))).code).toBe("network_error");
  });

  it("when a non-2xx status is accepted, then its body is returned as the answer", async () => {
    const api = await clientFor((_req, res) => sendJson(res, 503, { status: "ok", version: "1.0.0", uptime_s: 1 }));

    await expect(api.get("/api/health", { schema: HealthSchema, acceptStatus: [503] })).resolves.toMatchObject({
      version: "1.0.0",
    });
  });

  it("when a 2xx body does not match the schema, then it fails with invalid_response", async () => {
    const api = await clientFor((_req, res) => sendJson(res, 200, { status: "ok", version: 3 }));

    const error = await caught(api.get("/api/health", { schema: HealthSchema }));
    expect(error).toMatchObject({ status: 200, code: "invalid_response" });
  });

  it("when the request is cancelled, then the abort propagates instead of a network error", async () => {
    const api = await clientFor(() => {});
    const controller = new AbortController();
    const request = api.get("/api/slow", { signal: controller.signal });
    controller.abort();

    await expect(request).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("api client session refresh", () => {
  function sessionServer({ refreshOk }: { refreshOk: boolean }) {
    const log = { refreshes: 0, rejected: 0, served: [] as string[] };
    let signedIn = false;
    let releaseRefresh!: () => void;
    const bothRejected = new Promise<void>((resolve) => (releaseRefresh = resolve));

    const handler: Parameters<typeof startTestServer>[0] = async (req, res) => {
      if (req.url === "/api/auth/refresh") {
        log.refreshes += 1;
        // Holds the refresh until both calls have been refused, so the two 401s truly overlap it.
        await bothRejected;
        signedIn = refreshOk;
        if (refreshOk) return sendJson(res, 200, { ok: true });
        return sendJson(res, 401, { error: { code: "unauthorized", message: "Your session has ended." } });
      }
      if (!signedIn) {
        log.rejected += 1;
        if (log.rejected === 2) releaseRefresh();
        return sendJson(res, 401, { error: { code: "unauthorized", message: "Sign in to continue." } });
      }
      log.served.push(req.url ?? "");
      sendJson(res, 200, { path: req.url });
    };
    return { log, handler };
  }

  it("when two calls get 401 at once, then one refresh runs and both are retried", async () => {
    const { log, handler } = sessionServer({ refreshOk: true });
    const api = await clientFor(handler);
    let ended = 0;
    api.onSessionEnded(() => (ended += 1));

    const results = await Promise.all([api.get("/api/chats"), api.get("/api/notifications")]);

    expect(results).toEqual([{ path: "/api/chats" }, { path: "/api/notifications" }]);
    expect(log.refreshes).toBe(1);
    expect(log.served.sort()).toEqual(["/api/chats", "/api/notifications"]);
    expect(ended).toBe(0);
  });

  it("when the refresh is refused, then both calls fail with 401 and the session-ended listener runs once", async () => {
    const { log, handler } = sessionServer({ refreshOk: false });
    const api = await clientFor(handler);
    let ended = 0;
    const unsubscribe = api.onSessionEnded(() => (ended += 1));

    const errors = await Promise.all([caught(api.get("/api/chats")), caught(api.get("/api/notifications"))]);

    expect(errors.map((error) => error.status)).toEqual([401, 401]);
    expect(log.refreshes).toBe(1);
    expect(log.served).toEqual([]);
    expect(ended).toBe(1);

    unsubscribe();
    await caught(api.get("/api/chats"));
    expect(ended).toBe(1);
  });

  it("when an auth endpoint answers 401, then no refresh is tried", async () => {
    let refreshes = 0;
    const api = await clientFor((req, res) => {
      if (req.url === "/api/auth/refresh") refreshes += 1;
      sendJson(res, 401, { error: { code: "invalid_credentials", message: "Email or password is incorrect." } });
    });

    const error = await caught(api.post("/api/auth/login", { email: "a@b.co", password: "x" }));

    expect(error.code).toBe("invalid_credentials");
    expect(refreshes).toBe(0);
  });

  it("when the refresh itself cannot reach the server, then the call fails with network_error and nobody is signed out", async () => {
    const api = await clientFor((req, res) => {
      if (req.url === "/api/auth/refresh") {
        req.socket.destroy();
        return;
      }
      sendJson(res, 401, { error: { code: "unauthorized", message: "Sign in to continue." } });
    });
    let ended = 0;
    api.onSessionEnded(() => (ended += 1));

    expect((await caught(api.get("/api/chats"))).code).toBe("network_error");
    expect(ended).toBe(0);
  });
});
