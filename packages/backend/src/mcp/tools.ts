import {
  ChatContextListQuerySchema,
  ChatItemListQuerySchema,
  CreateChatContextRequestSchema,
  CreateQueryRequestSchema,
  ParameterValuesSchema,
  PreviewViewSchema,
  RenderCodeRequestSchema,
  RenderQualitySchema,
  TERMINAL_QUERY_STATES,
  type EventPayload,
  type QueryState,
  type TokenScope,
  type Version,
} from "@chat3d/shared";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { CallToolResult, ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import { buffer } from "node:stream/consumers";
import { z } from "zod";
import { measure, MeasureQuerySchema } from "../ai/codegen/measure.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { LoggedEventMessage } from "../lib/event-bus.js";
import type { EventRelay } from "../lib/event-relay.js";
import type { Logger } from "../lib/logger.js";
import { assertPrintable, checkTokenScope } from "../lib/route-table.js";
import { fromTypedError } from "../middleware/error-handler.js";
import type { ChatService } from "../services/chat.service.js";
import type { FileService } from "../services/file.service.js";
import type { QueryService } from "../services/query.service.js";
import type { VersionService } from "../services/version.service.js";
import { fileUrl, json, modelLinks, versionView } from "./views.js";

/** Files up to this size come back inside the tool result; larger ones as a link to download with the token. */
export const MCP_EMBED_MAX_BYTES = 256 * 1024;

export interface McpServices {
  chats: ChatService;
  versions: VersionService;
  queries: QueryService;
  files: FileService;
}

export interface McpCaller {
  user: User;
  scopes: TokenScope[];
}

export interface McpToolDeps {
  services: McpServices;
  relay: EventRelay;
  logger: Logger;
  /** The public origin the file links point at (APP_BASE_URL). */
  baseUrl: string;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const chatId = z.uuid("Not a valid id.").describe("The chat's id (from list_chats or create_chat)");
const versionId = z.uuid("Not a valid id.").describe("A version's id (from render_code, ask or get_chat)");

/** A service's typed error as an MCP tool error carrying the product's message, code and details. */
function toolError(err: unknown, logger: Logger): CallToolResult {
  const known = fromTypedError(err);
  if (!known) logger.error({ err }, "mcp tool failed");
  const error = known
    ? { code: known.code, message: known.message, ...(known.details !== undefined && { details: known.details }) }
    : { code: "internal_error", message: "Something went wrong on our side. Try again." };
  return { isError: true, content: [{ type: "text", text: error.message }, json({ error })] };
}

type StoredRow = Awaited<ReturnType<FileService["describe"]>>;

async function bytesOf(files: FileService, row: StoredRow): Promise<Buffer> {
  return buffer((await files.open(row)).stream);
}

/** Registers every tool for one caller; each checks its scope, then calls the service the REST route calls. */
export function registerTools(server: McpServer, caller: McpCaller, deps: McpToolDeps): void {
  const { chats, versions, queries, files } = deps.services;
  const { baseUrl, logger } = deps;
  const { user } = caller;

  function tool<S extends z.ZodObject>(
    name: string,
    scope: TokenScope,
    description: string,
    inputSchema: S,
    run: (input: z.output<S>, extra: Extra) => Promise<CallToolResult>,
  ) {
    server.registerTool(
      name,
      {
        description: `${description} (needs the "${scope}" scope)`,
        // Widened for the SDK's overloads; it validated the arguments against this very schema.
        inputSchema: inputSchema as z.ZodObject,
        annotations: { readOnlyHint: scope === "read" },
      },
      async (input, extra) => {
        try {
          checkTokenScope(scope, caller.scopes);
          assertPrintable(input, "arguments");
          return await run(input as z.output<S>, extra);
        } catch (err) {
          return toolError(err, logger);
        }
      },
    );
  }

  const rendered = (version: Version): CallToolResult => ({
    content: [json({ version: versionView(version, baseUrl, { withCode: false }) }), ...modelLinks(version, baseUrl)],
  });

  tool(
    "list_chats",
    "read",
    "My chats, most recent activity first; search by name, page with the cursor",
    ChatContextListQuerySchema,
    async (input) => ({ content: [json(await chats.list(user.id, input))] }),
  );

  tool("create_chat", "write", "Start a new chat", CreateChatContextRequestSchema, async (input) => ({
    content: [json({ chat: await chats.create(user.id, input.name) })],
  }));

  tool(
    "get_chat",
    "read",
    "One chat: its details, current version, its versions (newest first) and the latest page of its timeline",
    z.object({ chat_id: chatId, ...ChatItemListQuerySchema.shape }),
    async ({ chat_id, ...page }) => {
      const chat = await chats.get(user.id, chat_id);
      const [timeline, list] = await Promise.all([
        chats.items(user.id, chat_id, page),
        versions.list(user.id, chat_id),
      ]);
      return { content: [json({ chat, versions: list, timeline })] };
    },
  );

  tool(
    "render_code",
    "render",
    "Render build123d code (the final shape bound to `root_part`) and keep it as the chat's next version: metrics, warnings and file links, or the script's error with its line",
    z.object({ chat_id: chatId, ...RenderCodeRequestSchema.shape }),
    async ({ chat_id, ...input }, extra) =>
      rendered((await versions.render(user.id, chat_id, input, extra.signal)).version),
  );

  tool(
    "set_parameters",
    "render",
    "Render a version again with new values for its `# @param` constants, as the chat's next version",
    z.object({
      version_id: versionId,
      parameters: ParameterValuesSchema,
      quality: RenderQualitySchema.optional(),
    }),
    async ({ version_id, parameters, quality }, extra) => {
      const base = await versions.get(user.id, version_id);
      const input = {
        code: base.code,
        parameters,
        parent_version_id: base.id,
        source: "parameters" as const,
        quality: quality ?? base.quality,
      };
      return rendered((await versions.render(user.id, base.chat_context_id, input, extra.signal)).version);
    },
  );

  tool(
    "ask",
    "ai",
    "Ask the AI in a chat: it designs, writes and renders the part. Sends progress notifications while it runs and ends with the answer and the new version",
    z.object({ chat_id: chatId, ...CreateQueryRequestSchema.omit({ chat_context_id: true }).shape }),
    async ({ chat_id, ...input }, extra) => {
      const answer = await followQuery(
        { user, queries, relay: deps.relay },
        { ...input, chat_context_id: chat_id },
        extra,
      );
      if (answer.state !== "completed") {
        throw AppError.unprocessable(answer.error ?? `The answer was ${answer.state}.`, `query_${answer.state}`);
      }
      const item = (await chats.items(user.id, chat_id, { limit: 50 })).items.find((i) => i.id === answer.itemId);
      if (item?.type !== "3dmodel")
        return { content: [{ type: "text", text: item && "text" in item ? (item.text ?? "") : "" }] };
      const version = await versions.get(user.id, item.version.id);
      return {
        content: [
          { type: "text", text: item.text ?? "" },
          json({ query_id: answer.queryId, version: versionView(version, baseUrl, { withCode: true }) }),
          ...modelLinks(version, baseUrl),
        ],
      };
    },
  );

  tool(
    "get_version",
    "read",
    "One version: code, parameter values, metrics, warnings and file links",
    z.object({ version_id: versionId }),
    async ({ version_id }) => {
      const version = await versions.get(user.id, version_id);
      return { content: [json({ version: versionView(version, baseUrl, { withCode: true }) })] };
    },
  );

  tool(
    "measure",
    "read",
    "Measure a version on its exact B-rep faces: overall size, holes, faces, one face, the distance between two faces, wall thickness",
    z.object({ version_id: versionId, ...MeasureQuerySchema.shape }),
    async ({ version_id, ...query }) => {
      const version = await versions.get(user.id, version_id);
      return { content: [json(measure(version.metrics, query))] };
    },
  );

  tool(
    "get_preview",
    "read",
    "A PNG preview of a version from one view",
    z.object({ version_id: versionId, view: PreviewViewSchema.default("iso") }),
    async ({ version_id, view }) => {
      const version = await versions.get(user.id, version_id);
      const preview = version.files.find((f) => f.role === "preview" && f.view === view);
      if (!preview) throw AppError.notFound(`Version ${version.number} has no ${view} preview.`);
      const bytes = await bytesOf(files, await files.describe(user.id, preview.file_id));
      return { content: [{ type: "image", data: bytes.toString("base64"), mimeType: "image/png" }] };
    },
  );

  tool(
    "get_file",
    "read",
    `One of my files (a version's STEP, STL, 3MF, GLB, code or preview): embedded when at most ${MCP_EMBED_MAX_BYTES / 1024} KB, otherwise a link that downloads with the same token`,
    z.object({ file_id: z.uuid("Not a valid id.").describe("A file id from a version's files") }),
    async ({ file_id }) => {
      const row = await files.describe(user.id, file_id);
      const uri = fileUrl(baseUrl, row.id);
      const name = row.name ?? row.key.split("/").pop()!;
      if (Number(row.size_bytes) > MCP_EMBED_MAX_BYTES) {
        return {
          content: [
            { type: "resource_link", uri, name, mimeType: row.content_type, description: `${row.size_bytes} bytes` },
          ],
        };
      }
      const bytes = await bytesOf(files, row);
      const textual = row.content_type.startsWith("text/") || row.content_type.includes("python");
      const resource = textual
        ? { uri, mimeType: row.content_type, text: bytes.toString("utf8") }
        : { uri, mimeType: row.content_type, blob: bytes.toString("base64") };
      return { content: [{ type: "resource", resource }] };
    },
  );
}

interface FollowedAnswer {
  queryId: string;
  itemId: string;
  state: QueryState;
  error: string | null;
}

/**
 * Asks through QueryService and follows the query on this instance's event relay until it ends, forwarding
 * each stage and tool step as an MCP progress notification; a cancelled request cancels the query.
 */
async function followQuery(
  { user, queries, relay }: { user: User; queries: QueryService; relay: EventRelay },
  input: z.output<typeof CreateQueryRequestSchema>,
  extra: Extra,
): Promise<FollowedAnswer> {
  const pending: LoggedEventMessage[] = [];
  let wake = () => {};
  // Subscribed before the query exists, so not even its first stage can be missed.
  const off = relay.subscribe(`user:${user.id}`, (message) => {
    pending.push(message);
    wake();
  });
  try {
    const accepted = await queries.create(user, input);
    const queryId = accepted.query.id;
    const itemId = accepted.items.at(-1)!.id;
    const cancel = () => void queries.cancel(user.id, queryId).catch(() => undefined);
    extra.signal.addEventListener("abort", cancel, { once: true });
    let progress = 0;
    const notify = async (message: string) => {
      const progressToken = extra._meta?.progressToken;
      if (progressToken === undefined) return;
      progress += 1;
      // A caller that went away cannot hear progress; its answer still completes (or is cancelled) on record.
      await extra
        .sendNotification({ method: "notifications/progress", params: { progressToken, progress, message } })
        .catch(() => undefined);
    };
    let state = accepted.query.state;
    await notify(state);
    while (!TERMINAL_QUERY_STATES.includes(state)) {
      if (!pending.length) await new Promise<void>((resolve) => (wake = resolve));
      for (const message of pending.splice(0)) {
        const payload = message.payload as { query_id?: string };
        if (payload.query_id !== queryId) continue;
        if (message.type === "chat.query.state") {
          state = (payload as EventPayload<"chat.query.state">).state;
          await notify(state);
        } else if (message.type === "chat.query.step") {
          await notify((payload as EventPayload<"chat.query.step">).step.summary);
        }
      }
    }
    extra.signal.removeEventListener("abort", cancel);
    const final = await queries.get(user.id, queryId);
    return { queryId, itemId, state: final.state, error: final.error };
  } finally {
    off();
  }
}
