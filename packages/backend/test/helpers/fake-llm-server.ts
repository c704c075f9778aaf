import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A language-model server on localhost that speaks the providers' real wire protocols — OpenAI Chat
 * Completions (`/v1/chat/completions`), the Responses API that xAI speaks (`/v1/responses`), Anthropic
 * Messages (`/v1/messages`) and Ollama (`/api/tags`, `/api/show`, `/api/chat`), each streamed as that provider
 * streams (server-sent events, or newline-delimited JSON for Ollama) — so the provider packages run exactly as
 * against the real thing. What it answers is decided by `script`, from the request it received.
 */

export type FakeProtocol = "openai" | "responses" | "anthropic" | "ollama";

export interface FakeRequest {
  protocol: FakeProtocol;
  model: string;
  /** The conversation's messages (the Responses API's input items that have a role) as the provider sent them. */
  messages: Array<{ role: string; content: unknown }>;
  /** Names of the tools offered: `generate_3d_model` in the conversation, `render` … `submit` in the code loop. */
  tools: string[];
  /** Whether a JSON answer was asked for (structured output). */
  wantsJson: boolean;
  /** The images, read from the field this protocol carries them in (Ollama's `images` has no media type). */
  images: Array<{ mediaType: string | null; base64: string }>;
  /** The tool calls earlier turns made, as sent back in the history. */
  toolCalls: Array<{ id: string; name: string }>;
  /** The tool results in the history, each with the id of the call it answers. */
  toolResults: Array<{ id: string; content: string }>;
  /** The request body as it arrived. */
  body: Record<string, any>;
}

export type FakeAnswer = { text: string; toolCall?: { name: string; arguments: unknown } } | { json: unknown };

export interface FakeLlmServer {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

const textOf = (content: unknown): string =>
  typeof content === "string"
    ? content
    : Array.isArray(content)
      ? content
          .map((p) => (typeof p === "object" && p && "text" in p ? String((p as { text: unknown }).text) : ""))
          .join("")
      : "";

export const lastUserText = (req: FakeRequest) =>
  textOf([...req.messages].reverse().find((m) => m.role === "user")?.content);
export const allText = (req: FakeRequest) => req.messages.map((m) => textOf(m.content)).join("\n");

async function body(req: http.IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
}

const words = (text: string) => text.match(/\S+\s*/g) ?? [];

/** How fast the fake answers: a pause before each streamed word, and before a whole (non-streamed) answer. */
export interface FakePace {
  wordDelayMs?: number;
  answerDelayMs?: number;
}

const pause = (ms = 0) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/** `data:image/png;base64,…` split into its media type and data; anything else is not an inline image. */
function dataUrl(url: unknown): { mediaType: string; base64: string } | undefined {
  const m = typeof url === "string" ? /^data:([^;,]+);base64,(.*)$/s.exec(url) : null;
  return m ? { mediaType: m[1]!, base64: m[2]! } : undefined;
}

const contentText = (content: unknown) => (typeof content === "string" ? content : JSON.stringify(content));
const parts = (content: unknown): Array<Record<string, any>> => (Array.isArray(content) ? content : []);

type Read = Omit<FakeRequest, "protocol" | "model" | "body">;
type FakeImage = FakeRequest["images"][number];

/** OpenAI Chat Completions and Ollama's chat share their messages and tool calls; images go elsewhere. */
function chatRead(
  json: Record<string, any>,
  wantsJson: boolean,
  images: (m: Record<string, any>) => FakeImage[],
): Read {
  const messages = (json.messages ?? []) as Array<Record<string, any>>;
  return {
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    tools: (json.tools ?? []).map((t: { function?: { name?: string } }) => String(t.function?.name)),
    wantsJson,
    images: messages.flatMap(images),
    toolCalls: messages.flatMap((m) => (m.tool_calls ?? []).map((c: any) => ({ id: c.id, name: c.function.name }))),
    toolResults: messages
      .filter((m) => m.role === "tool")
      .map((m) => ({ id: m.tool_call_id, content: contentText(m.content) })),
  };
}

/** What each protocol's request says, read from the fields that protocol uses. */
const readers: Record<FakeProtocol, (json: Record<string, any>) => Read> = {
  openai: (json) =>
    chatRead(json, Boolean(json.response_format), (m) =>
      parts(m.content).flatMap((p) => (p.type === "image_url" ? [dataUrl(p.image_url?.url)!] : [])),
    ),
  ollama: (json) =>
    chatRead(json, Boolean(json.format), (m) =>
      (m.images ?? []).map((base64: string) => ({ mediaType: null, base64 })),
    ),
  anthropic: (json) => {
    const messages = (json.messages ?? []) as Array<Record<string, any>>;
    const blocks = messages.flatMap((m) => parts(m.content));
    return {
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
      tools: (json.tools ?? []).map((t: { name?: string }) => String(t.name)),
      wantsJson: Boolean(json.output_format ?? json.output_config?.format),
      images: blocks.flatMap((b) =>
        b.type === "image" && b.source?.type === "base64"
          ? [{ mediaType: b.source.media_type, base64: b.source.data }]
          : [],
      ),
      toolCalls: blocks.filter((b) => b.type === "tool_use").map((b) => ({ id: b.id, name: b.name })),
      toolResults: blocks
        .filter((b) => b.type === "tool_result")
        .map((b) => ({ id: b.tool_use_id, content: typeof b.content === "string" ? b.content : textOf(b.content) })),
    };
  },
  responses: (json) => {
    const input = (
      typeof json.input === "string" ? [{ role: "user", content: json.input }] : (json.input ?? [])
    ) as Array<Record<string, any>>;
    return {
      messages: input.filter((i) => i.role).map((i) => ({ role: i.role, content: i.content })),
      tools: (json.tools ?? []).map((t: { name?: string }) => String(t.name)),
      wantsJson: json.text?.format?.type === "json_schema",
      images: input.flatMap((i) =>
        parts(i.content).flatMap((p) => (p.type === "input_image" ? [dataUrl(p.image_url)!] : [])),
      ),
      toolCalls: input.filter((i) => i.type === "function_call").map((i) => ({ id: i.call_id, name: i.name })),
      toolResults: input
        .filter((i) => i.type === "function_call_output")
        .map((i) => ({ id: i.call_id, content: contentText(i.output) })),
    };
  },
};

const answerText = (answer: FakeAnswer) => ("text" in answer ? answer.text : JSON.stringify(answer.json));
const toolCallOf = (answer: FakeAnswer) => ("toolCall" in answer ? answer.toolCall : undefined);

/** One answer to write: to whom, as which model, what, how fast, and the id its tool call gets. */
interface Reply {
  res: http.ServerResponse;
  model: string;
  answer: FakeAnswer;
  pace: FakePace;
  id: string;
}

/** A writer of server-sent events: `data:` lines, with an `event:` line where the protocol names its events. */
function sse(res: http.ServerResponse, named: boolean) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  return (data: { type?: string } & Record<string, unknown>) =>
    res.write(`${named && data.type ? `event: ${data.type}\n` : ""}data: ${JSON.stringify(data)}\n\n`);
}

async function openaiStream({ res, model, answer, pace, id }: Reply) {
  const send = sse(res, false);
  const chunk = (delta: object, finish: string | null = null) =>
    send({
      id: "chatcmpl-fake",
      object: "chat.completion.chunk",
      created: 1,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  chunk({ role: "assistant", content: "" });
  for (const piece of words(answerText(answer))) {
    await pause(pace.wordDelayMs);
    chunk({ content: piece });
  }
  const toolCall = toolCallOf(answer);
  if (toolCall) {
    chunk({
      tool_calls: [
        {
          index: 0,
          id,
          type: "function",
          function: { name: toolCall.name, arguments: JSON.stringify(toolCall.arguments) },
        },
      ],
    });
  }
  chunk({}, toolCall ? "tool_calls" : "stop");
  send({
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 1,
    model,
    choices: [],
    usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
  });
  res.end("data: [DONE]\n\n");
}

function openaiCompletion(model: string, answer: FakeAnswer, id: string) {
  const toolCall = toolCallOf(answer);
  const message = {
    role: "assistant",
    content: answerText(answer),
    ...(toolCall && {
      tool_calls: [
        { id, type: "function", function: { name: toolCall.name, arguments: JSON.stringify(toolCall.arguments) } },
      ],
    }),
  };
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1,
    model,
    choices: [{ index: 0, message, finish_reason: toolCall ? "tool_calls" : "stop" }],
    usage: { prompt_tokens: 400, completion_tokens: 150, total_tokens: 550 },
  };
}

/** Anthropic's answer: content blocks (text, then `tool_use`), with its own stop reasons and usage. */
function anthropicMessage(model: string, answer: FakeAnswer, id: string, usage: { input: number; output: number }) {
  const toolCall = toolCallOf(answer);
  const text = answerText(answer);
  return {
    id: "msg_fake",
    type: "message",
    role: "assistant",
    model,
    content: [
      ...(text ? [{ type: "text", text }] : []),
      ...(toolCall ? [{ type: "tool_use", id, name: toolCall.name, input: toolCall.arguments }] : []),
    ],
    stop_reason: toolCall ? "tool_use" : "end_turn",
    stop_sequence: null,
    usage: { input_tokens: usage.input, output_tokens: usage.output },
  };
}

async function anthropicStream({ res, model, answer, pace, id }: Reply) {
  const send = sse(res, true);
  const whole = anthropicMessage(model, answer, id, { input: 50, output: 20 });
  send({
    type: "message_start",
    message: { ...whole, content: [], stop_reason: null, usage: { input_tokens: 50, output_tokens: 1 } },
  });
  for (const [index, block] of whole.content.entries()) {
    if (block.type === "text") {
      send({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
      for (const piece of words(block.text!)) {
        await pause(pace.wordDelayMs);
        send({ type: "content_block_delta", index, delta: { type: "text_delta", text: piece } });
      }
    } else {
      send({
        type: "content_block_start",
        index,
        content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
      });
      send({
        type: "content_block_delta",
        index,
        delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) },
      });
    }
    send({ type: "content_block_stop", index });
  }
  send({
    type: "message_delta",
    delta: { stop_reason: whole.stop_reason, stop_sequence: null },
    usage: { output_tokens: 20 },
  });
  send({ type: "message_stop" });
  res.end();
}

/** The Responses API's answer: output items (a message, then a `function_call`), status and usage. */
function responsesOf(model: string, answer: FakeAnswer, id: string, usage: { input: number; output: number }) {
  const toolCall = toolCallOf(answer);
  const text = answerText(answer);
  const output: Array<Record<string, unknown>> = [
    ...(text
      ? [
          {
            type: "message",
            id: "msg_fake",
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text, annotations: [] }],
          },
        ]
      : []),
    ...(toolCall
      ? [
          {
            type: "function_call",
            id: `fc_${id}`,
            call_id: id,
            name: toolCall.name,
            arguments: JSON.stringify(toolCall.arguments),
            status: "completed",
          },
        ]
      : []),
  ];
  return {
    id: "resp_fake",
    object: "response",
    created_at: 1,
    model,
    status: "completed",
    output,
    usage: { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.input + usage.output },
  };
}

async function responsesStream({ res, model, answer, pace, id }: Reply) {
  const send = sse(res, true);
  const whole = responsesOf(model, answer, id, { input: 50, output: 20 });
  send({ type: "response.created", response: { ...whole, status: "in_progress", output: [] } });
  for (const [output_index, item] of whole.output.entries()) {
    if (item.type === "message") {
      send({ type: "response.output_item.added", output_index, item: { ...item, status: "in_progress", content: [] } });
      const text = (item.content as Array<{ text: string }>)[0]!.text;
      for (const piece of words(text)) {
        await pause(pace.wordDelayMs);
        send({ type: "response.output_text.delta", item_id: item.id, output_index, content_index: 0, delta: piece });
      }
      send({ type: "response.output_text.done", item_id: item.id, output_index, content_index: 0, text });
    } else {
      send({
        type: "response.output_item.added",
        output_index,
        item: { ...item, arguments: "", status: "in_progress" },
      });
      send({ type: "response.function_call_arguments.delta", item_id: item.id, output_index, delta: item.arguments });
    }
    send({ type: "response.output_item.done", output_index, item });
  }
  send({ type: "response.completed", response: whole });
  res.end();
}

function ollamaChat(res: http.ServerResponse, model: string, stream: boolean, answer: FakeAnswer) {
  const toolCall = toolCallOf(answer);
  const text = answerText(answer);
  const final = {
    model,
    created_at: new Date().toISOString(),
    message: {
      role: "assistant",
      content: stream ? "" : text,
      // Ollama gives its tool calls no id; the provider makes one up.
      ...(toolCall && { tool_calls: [{ function: { name: toolCall.name, arguments: toolCall.arguments } }] }),
    },
    done: true,
    done_reason: "stop",
    prompt_eval_count: stream ? 50 : 400,
    eval_count: stream ? 20 : 150,
  };
  if (!stream) {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify(final));
  }
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  for (const piece of words(text)) {
    res.write(
      `${JSON.stringify({ model, created_at: new Date().toISOString(), message: { role: "assistant", content: piece }, done: false })}\n`,
    );
  }
  res.end(`${JSON.stringify(final)}\n`);
}

function protocolOf(pathname: string): FakeProtocol | undefined {
  if (pathname === "/api/chat") return "ollama";
  if (pathname.endsWith("/chat/completions")) return "openai";
  if (pathname.endsWith("/responses")) return "responses";
  if (pathname.endsWith("/messages")) return "anthropic";
  return undefined;
}

export async function startFakeLlmServer(
  script: (req: FakeRequest) => FakeAnswer,
  ollama: { models: Array<{ name: string; capabilities: string[] }> } = { models: [] },
  pace: FakePace = {},
): Promise<FakeLlmServer> {
  const requests: FakeRequest[] = [];
  let calls = 0;
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://fake.invalid");
      if (req.method === "GET" && url.pathname === "/api/tags") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ models: ollama.models.map(({ name }) => ({ name, model: name, size: 1 })) }));
      }
      const json = await body(req);
      if (url.pathname === "/api/show") {
        const found = ollama.models.find((m) => m.name === json.model);
        res.writeHead(found ? 200 : 404, { "content-type": "application/json" });
        return res.end(
          JSON.stringify(found ? { capabilities: found.capabilities, details: {} } : { error: "not found" }),
        );
      }
      const protocol = protocolOf(url.pathname);
      if (!protocol) {
        res.writeHead(404).end();
        return;
      }
      const request: FakeRequest = { protocol, model: String(json.model), ...readers[protocol](json), body: json };
      requests.push(request);
      const answer = script(request);
      // Each answer's tool call has an id of its own, so a test can follow it into the tool result.
      const id = `call_${++calls}`;
      const streaming = protocol === "ollama" ? json.stream !== false : Boolean(json.stream);
      if (!streaming) await pause(pace.answerDelayMs);
      const whole = (payload: unknown) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      // Every protocol reports the same usage: 50 in / 20 out for a streamed answer, 400 / 150 for a whole one.
      const spent = { input: 400, output: 150 };
      const reply: Reply = { res, model: request.model, answer, pace, id };
      if (protocol === "openai") {
        if (streaming) await openaiStream(reply);
        else whole(openaiCompletion(request.model, answer, id));
      } else if (protocol === "anthropic") {
        if (streaming) await anthropicStream(reply);
        else whole(anthropicMessage(request.model, answer, id, spent));
      } else if (protocol === "responses") {
        if (streaming) await responsesStream(reply);
        else whole(responsesOf(request.model, answer, id, spent));
      } else ollamaChat(res, request.model, streaming, answer);
    } catch (err) {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: String(err) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A designer good enough for journeys: a request with numbers becomes a brief for a box (or a change of the
 * current one's height), and the code model writes that box with its parameters kept.
 */
export function boxDesigner(req: FakeRequest): FakeAnswer {
  if (req.tools.includes("generate_3d_model")) {
    const asked = lastUserText(req);
    const numbers = [...asked.matchAll(/(\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
    const change = /taller|height|higher|change|make it/i.test(asked) && /current model is version/.test(allText(req));
    const dims = change
      ? [{ name: "height", value: numbers[0] ?? 20, unit: "mm", axis: "z" }]
      : ["x", "y", "z"].map((axis, i) => ({
          name: ["length", "width", "height"][i],
          value: numbers[i] ?? 10,
          unit: "mm",
          axis,
        }));
    return {
      text: change ? "Changing the height of the current block." : "Making a block with those dimensions.",
      toolCall: {
        name: "generate_3d_model",
        arguments: {
          summary: change
            ? `Make the block ${dims[0]!.value} mm tall`
            : `A block ${numbers.slice(0, 3).join(" x ")} mm`,
          change_of_current: change,
          dimensions: dims,
          features: [],
          holes: [],
          parts: [],
          single_solid: true,
          open_questions: [],
        },
      },
    };
  }
  const { code, comment } = boxCode(req);
  if (req.tools.includes("submit")) {
    return { text: "", toolCall: { name: "submit", arguments: { code, parameters: {}, comment } } };
  }
  return { json: { plan: "One box.", code, parameters: {}, comment } };
}

/** The box the code model writes for the brief in its prompt, or the current one with the brief's height. */
function boxCode(req: FakeRequest): { code: string; comment: string } {
  const prompt = allText(req);
  const brief = JSON.parse(prompt.match(/Design brief:\n(\{[\s\S]*?\n\})/)?.[1] ?? "{}") as {
    dimensions?: Array<{ name: string; value: number }>;
  };
  const current = prompt.match(/current model \(version \d+\)\. Its code:\n```python\n([\s\S]*?)```/)?.[1];
  const dim = (name: string, fallback: number) => brief.dimensions?.find((d) => d.name === name)?.value ?? fallback;
  const code = current
    ? current.replace(/^HEIGHT = [\d.]+/m, `HEIGHT = ${dim("height", 10)}`)
    : `from build123d import *\n\nLENGTH = ${dim("length", 10)}  # @param mm min=1 max=500 "Length"\nWIDTH = ${dim("width", 10)}  # @param mm min=1 max=500 "Width"\nHEIGHT = ${dim("height", 10)}  # @param mm min=1 max=500 "Height"\n\nroot_part = Box(LENGTH, WIDTH, HEIGHT)\n`;
  return { code, comment: current ? "Updated the height." : "A plain block." };
}

/**
 * The same designer, taking the code loop's whole round trip as a careful model does: render, look at the
 * previews, then submit; each turn says a few words, as real models do between their tool calls.
 */
export function lookingDesigner(req: FakeRequest): FakeAnswer {
  if (!req.tools.includes("submit")) return boxDesigner(req);
  const { code, comment } = boxCode(req);
  const turns = [
    { text: "Rendering it first.", toolCall: { name: "render", arguments: { code } } },
    { text: "Checking the previews.", toolCall: { name: "look", arguments: {} } },
    { text: "It matches the brief.", toolCall: { name: "submit", arguments: { code, parameters: {}, comment } } },
  ];
  return turns[Math.min(req.toolResults.length, turns.length - 1)]!;
}
