import type { IncomingMessage, ServerResponse } from "node:http";
import { checkAnswer } from "./contract";
import { readBody, sendJson, startTestServer, type TestServer } from "./test-server";

export type ApiRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
};

export type RouteHandler = (request: ApiRequest, res: ServerResponse, req: IncomingMessage) => void | Promise<void>;

export type ApiServer = TestServer & {
  /** Every request received, in order. */
  requests: ApiRequest[];
  /** Adds or replaces a route ("PATCH /api/admin/users/:id/deactivate") while the test runs. */
  on: (route: string, handler: RouteHandler) => void;
  /** The requests that went to one method and path pattern. */
  calls: (route: string) => ApiRequest[];
};

type CompiledRoute = { method: string; pattern: RegExp; names: string[] };

function compile(route: string): CompiledRoute {
  const [method = "", path = ""] = route.split(" ");
  const names: string[] = [];
  const source = path.replace(/:([a-z_]+)/gi, (_match, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { method, pattern: new RegExp(`^${source}$`), names };
}

function match(route: CompiledRoute, method: string, path: string): Record<string, string> | null {
  if (route.method !== method) return null;
  const found = route.pattern.exec(path);
  if (!found) return null;
  return Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? "")]));
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, details?: unknown) {
  sendJson(res, status, { error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/**
 * An admin list endpoint over an in-memory array, as the real ones page it: `status` matches exactly, `query`
 * is a substring of `text(item)`.
 */
export function listHandler<T extends { status: string }>(
  items: readonly T[],
  text: (item: T) => string,
): RouteHandler {
  return ({ query }, res) => {
    const page = Number(query.get("page") ?? 1);
    const size = Number(query.get("page_size") ?? 20);
    const status = query.get("status");
    const search = query.get("query");
    const matching = items.filter(
      (item) => (!status || item.status === status) && (!search || text(item).includes(search)),
    );
    sendJson(res, 200, {
      items: matching.slice((page - 1) * size, page * size),
      total: matching.length,
      page,
      page_size: size,
    });
  };
}

/** A real HTTP server on port 0 that answers the routes a test declares, and 404 for anything else. */
export async function startApiServer(routes: Record<string, RouteHandler> = {}): Promise<ApiServer> {
  const table = new Map<string, { compiled: CompiledRoute; handler: RouteHandler }>();
  const on = (route: string, handler: RouteHandler) => table.set(route, { compiled: compile(route), handler });
  for (const [route, handler] of Object.entries(routes)) on(route, handler);
  const requests: ApiRequest[] = [];

  const server = await startTestServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://test.invalid");
    const text = await readBody(req);
    const method = req.method ?? "GET";
    for (const { compiled, handler } of table.values()) {
      const params = match(compiled, method, url.pathname);
      if (!params) continue;
      const request = {
        method,
        path: url.pathname,
        query: url.searchParams,
        params,
        // JSON for the API's own bodies; anything else (a multipart upload) as the text it came as.
        body: text ? (/json/.test(req.headers["content-type"] ?? "json") ? JSON.parse(text) : text) : undefined,
      };
      requests.push(request);
      checkAnswer(method, url.pathname, res);
      return handler(request, res, req);
    }
    requests.push({ method, path: url.pathname, query: url.searchParams, params: {}, body: undefined });
    sendError(res, 404, "not_found", `No route for ${method} ${url.pathname}.`);
  });

  return {
    ...server,
    requests,
    on,
    calls: (route) => {
      const compiled = compile(route);
      return requests.filter((request) => match(compiled, request.method, request.path));
    },
  };
}
