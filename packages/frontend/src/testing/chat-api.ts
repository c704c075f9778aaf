import {
  applyParameters,
  parameterValues,
  type ChatContext,
  type ChatItem,
  type LlmModelList,
  type RenderCodeRequest,
  type Version,
  type VersionSummary,
  VersionSummarySchema,
} from "@chat3d/shared";
import { sendError, type RouteHandler } from "./api-server";
import { uuid } from "./accounts";
import { sendJson } from "./test-server";

export const NO_MODELS: LlmModelList = {
  models: [],
  defaults: { conversation: null, codegen: null },
  hint: "No language model is configured. An administrator can set ANTHROPIC_API_KEY, OPENAI_API_KEY, XAI_API_KEY or OLLAMA_BASE_URL (see Configuration in the README). You can still write and render code.",
};

const T0 = Date.parse("2026-03-01T10:00:00.000Z");
let clock = 0;
/** Timestamps that only move forward, a second apart, so "most recent first" is well defined. */
export function tick(): string {
  clock += 1;
  return new Date(T0 + clock * 1000).toISOString();
}

export function makeChat(overrides: Partial<ChatContext> = {}): ChatContext {
  const at = tick();
  return {
    id: uuid(),
    name: "Untitled chat",
    conversation_model_id: null,
    codegen_model_id: null,
    usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 },
    created_at: at,
    updated_at: at,
    last_activity_at: at,
    current_version: null,
    ...overrides,
  };
}

/** The summary fields of a version, as lists and events carry it (zod drops the rest). */
export const summaryOf = (version: Version): VersionSummary => VersionSummarySchema.parse(version);

/** A rendered version whose measurements follow WIDTH/DEPTH/HEIGHT (when the script has them). */
export function makeVersion(chatId: string, number: number, code: string, overrides: Partial<Version> = {}): Version {
  const values = parameterValues(code);
  const size: [number, number, number] = [
    Number(values.WIDTH ?? 10),
    Number(values.DEPTH ?? 10),
    Number(values.HEIGHT ?? 10),
  ];
  const preview = (view: "iso" | "front" | "top" | "right") => ({
    role: "preview" as const,
    view,
    file_id: uuid(),
    bytes: 2048,
    width: 512,
    height: 384,
  });
  const model = (format: "step" | "stl" | "3mf" | "glb", bytes: number) => ({
    role: "model" as const,
    format,
    file_id: uuid(),
    bytes,
    name: `part-v${number}.${format}`,
  });
  const files = [
    preview("iso"),
    preview("front"),
    preview("top"),
    preview("right"),
    model("step", 14_000),
    model("stl", 8_484),
    model("3mf", 3_100),
    model("glb", 9_200),
    {
      role: "code" as const,
      format: "b123d" as const,
      file_id: uuid(),
      bytes: code.length,
      name: `part-v${number}.b123d`,
    },
  ];
  return {
    id: uuid(),
    chat_context_id: chatId,
    number,
    source: "render",
    kind: "solid",
    parent_version_id: null,
    restored_from_version_id: null,
    thumbnail_file_id: files[0]!.file_id,
    size,
    created_at: tick(),
    code,
    parameters: values,
    quality: "normal",
    files,
    metrics: {
      bounding_box: { min: [0, 0, 0], max: size, size },
      volume: size[0] * size[1] * size[2],
      surface_area: 2 * (size[0] * size[1] + size[1] * size[2] + size[0] * size[2]),
      solids: 1,
      watertight: true,
      triangles: 12,
      area: null,
      perimeter: null,
      face_count: 6,
      edge_count: 12,
      faces: [],
      edges: [],
      faces_truncated: false,
      edges_truncated: false,
      cylinders: [],
    },
    timings: { total_ms: 42 },
    warnings: [],
    log: "",
    ...overrides,
  };
}

export function makeMessage(chatId: string, text: string, overrides: Partial<ChatItem> = {}): ChatItem {
  const at = tick();
  return {
    id: uuid(),
    chat_context_id: chatId,
    role: "user",
    state: "complete",
    rating: null,
    created_at: at,
    updated_at: at,
    type: "message",
    text,
    attachments: [],
    faces: [],
    ...overrides,
  } as ChatItem;
}

export function modelItem(version: Version, text: string | null = null): ChatItem {
  return {
    id: uuid(),
    chat_context_id: version.chat_context_id,
    role: "assistant",
    state: "complete",
    rating: null,
    created_at: version.created_at,
    updated_at: version.created_at,
    type: "3dmodel",
    text,
    version: summaryOf(version),
  };
}

/** The chats, timelines and versions of one signed-in person, held in memory by the test. */
export class ChatStore {
  chats: ChatContext[] = [];
  items = new Map<string, ChatItem[]>();
  versions = new Map<string, Version[]>();

  addChat(overrides: Partial<ChatContext> = {}): ChatContext {
    const chat = makeChat(overrides);
    this.chats.push(chat);
    this.items.set(chat.id, []);
    this.versions.set(chat.id, []);
    return chat;
  }

  chat(id: string): ChatContext | undefined {
    return this.chats.find((c) => c.id === id);
  }

  /** Keeps a version as the chat's current one, with its timeline entry, as the API does. */
  keep(chatId: string, code: string, overrides: Partial<Version> = {}): { version: Version; item: ChatItem } {
    const list = this.versions.get(chatId)!;
    const chat = this.chat(chatId)!;
    const version = makeVersion(chatId, list.length + 1, code, {
      parent_version_id: chat.current_version?.id ?? null,
      ...overrides,
    });
    list.push(version);
    const item = modelItem(version);
    this.items.get(chatId)!.push(item);
    Object.assign(chat, { current_version: summaryOf(version), last_activity_at: tick() });
    return { version, item };
  }

  /** Every chat route of the API over this store; a test replaces one with `server.on` to script a failure. */
  routes(): Record<string, RouteHandler> {
    const notFound = (res: Parameters<RouteHandler>[1]) => sendError(res, 404, "not_found", "No such chat.");
    return {
      "GET /api/chat/contexts": ({ query }, res) => {
        const search = (query.get("query") ?? "").toLowerCase();
        const limit = Number(query.get("limit") ?? 30);
        const start = Number(query.get("cursor") ?? 0);
        const sorted = this.chats
          .filter((c) => c.name.toLowerCase().includes(search))
          .sort((a, b) => b.last_activity_at.localeCompare(a.last_activity_at));
        const page = sorted.slice(start, start + limit);
        sendJson(res, 200, { items: page, next_cursor: start + limit < sorted.length ? String(start + limit) : null });
      },
      "POST /api/chat/contexts": ({ body }, res) => {
        const { name } = (body ?? {}) as { name?: string };
        sendJson(res, 201, { context: this.addChat({ name: name ?? "Untitled chat" }) });
      },
      "GET /api/chat/contexts/:id": ({ params }, res) => {
        const chat = this.chat(params.id!);
        return chat ? sendJson(res, 200, { context: chat }) : notFound(res);
      },
      "PATCH /api/chat/contexts/:id": ({ params, body }, res) => {
        const chat = this.chat(params.id!);
        if (!chat) return notFound(res);
        Object.assign(chat, body, { updated_at: tick() });
        sendJson(res, 200, { context: chat });
      },
      "DELETE /api/chat/contexts/:id": ({ params }, res) => {
        if (!this.chat(params.id!)) return notFound(res);
        this.chats = this.chats.filter((c) => c.id !== params.id);
        res.writeHead(204).end();
      },
      // The real API with no provider configured answers like this.
      "GET /api/llm/models": (_request, res) => sendJson(res, 200, NO_MODELS),
      "GET /api/chat/contexts/:id/items": ({ params, query }, res) => {
        const items = this.items.get(params.id!);
        if (!items) return notFound(res);
        const limit = Number(query.get("limit") ?? 50);
        const end = query.get("before") ? Number(query.get("before")) : items.length;
        const start = Math.max(0, end - limit);
        sendJson(res, 200, { items: items.slice(start, end), before_cursor: start > 0 ? String(start) : null });
      },
      "POST /api/chat/contexts/:id/items": ({ params, body }, res) => {
        const items = this.items.get(params.id!);
        if (!items) return notFound(res);
        const item = makeMessage(params.id!, (body as { text: string }).text);
        items.push(item);
        sendJson(res, 201, { item });
      },
      "GET /api/chat/contexts/:id/versions": ({ params }, res) => {
        const list = this.versions.get(params.id!);
        if (!list) return notFound(res);
        sendJson(res, 200, { items: [...list].reverse().map(summaryOf) });
      },
      "GET /api/chat/versions/:id": ({ params }, res) => {
        const version = [...this.versions.values()].flat().find((v) => v.id === params.id);
        return version ? sendJson(res, 200, { version }) : sendError(res, 404, "not_found", "No such version.");
      },
      "POST /api/chat/contexts/:id/render": ({ params, body }, res) => {
        if (!this.chat(params.id!)) return notFound(res);
        const request = body as RenderCodeRequest;
        let code = request.code;
        if (request.parameters) {
          const applied = applyParameters(code, request.parameters);
          if (!applied.ok) {
            const details = Object.fromEntries(
              Object.entries(applied.problems).map(([name, problems]) => [`parameters.${name}`, problems]),
            );
            return sendError(res, 400, "validation_failed", "Check the highlighted fields.", details);
          }
          code = applied.code;
        }
        const current = this.versions.get(params.id!)?.find((v) => v.id === this.chat(params.id!)?.current_version?.id);
        if (current?.code === code) return sendJson(res, 200, { unchanged: true, version: current });
        sendJson(res, 201, this.keep(params.id!, code, { source: request.source ?? "render" }));
      },
      "POST /api/chat/contexts/:id/versions/:versionId/restore": ({ params }, res) => {
        const old = this.versions.get(params.id!)?.find((v) => v.id === params.versionId);
        if (!old) return sendError(res, 404, "not_found", "No such version in this chat.");
        const kept = this.keep(params.id!, old.code, { source: "restore", restored_from_version_id: old.id });
        kept.item = { ...kept.item, text: `Restored version ${old.number}.` } as ChatItem;
        this.items.get(params.id!)!.splice(-1, 1, kept.item);
        sendJson(res, 201, kept);
      },
    };
  }
}
