import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { IncomingMessage } from "node:http";
import { Router, type RequestHandler } from "express";
import { AppError } from "../errors.js";
import { registerTools, type McpToolDeps } from "./tools.js";

export const MCP_PATH = "/mcp";

/** Only a personal access token reaches the tools: no cookie session (nothing a browser could be tricked into). */
const requireToken: RequestHandler = (req, res, next) => {
  if (req.auth?.via === "token") return next();
  res.setHeader("WWW-Authenticate", 'Bearer realm="chat3d"');
  next(
    AppError.unauthorized("Send a personal access token: Authorization: Bearer c3d_pat_… (Profile → Access tokens)."),
  );
};

/**
 * The MCP endpoint (Streamable HTTP), stateless: each POST gets its own server and transport for its caller,
 * so any API instance can answer any request (docs/decisions). There is no session to resume, hence no GET
 * stream and no DELETE.
 */
export function mcpRouter(deps: McpToolDeps & { version: string }, guards: RequestHandler[]): Router {
  const router = Router();
  router.post("/", requireToken, ...guards, async (req, res) => {
    const auth = req.auth!;
    const server = new McpServer({ name: "chat3d", version: deps.version });
    registerTools(server, { user: auth.user, scopes: auth.scopes ?? [] }, deps);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    // Our `req.auth` is not the SDK's OAuth AuthInfo: the tools get the caller from the closure instead.
    await transport.handleRequest(req as IncomingMessage, res, req.body);
  });
  router.all("/", requireToken, (_req, res) => {
    res.setHeader("Allow", "POST");
    throw new AppError(
      405,
      "method_not_allowed",
      "This MCP endpoint is stateless: send each JSON-RPC message with POST.",
    );
  });
  return router;
}
