import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A language-model server on localhost that speaks two real wire protocols — OpenAI Chat Completions
 * (`/v1/chat/completions`, server-sent events when streaming) and Ollama (`/api/tags`, `/api/show`,
 * `/api/chat`, newline-delimited JSON) — so the provider code runs exactly as against the real thing.
 * What it answers is decided by `script`, from the request it received.
 */

export interface FakeRequest {
  protocol: "openai" | "ollama";
  model: string;
  /** The conversation's messages as the provider received them. */
  messages: Array<{ role: string; content: unknown }>;
  /** Names of the tools offered: `generate_3d_model` in the conversation, `render` … `submit` in the code loop. */
  tools: string[];
  /** Whether a JSON answer was asked for (structured output). */
  wantsJson: boolean;
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

async function openaiStream(res: http.ServerResponse, model: string, answer: FakeAnswer, pace: FakePace) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (delta: object, finish: string | null = null) =>
    res.write(
      `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
    );
  chunk({ role: "assistant", content: "" });
  const text = "text" in answer ? answer.text : JSON.stringify(answer.json);
  for (const piece of words(text)) {
    await pause(pace.wordDelayMs);
    chunk({ content: piece });
  }
  if ("toolCall" in answer && answer.toolCall) {
    chunk({
      tool_calls: [
        {
          index: 0,
          id: "call_fake",
          type: "function",
          function: { name: answer.toolCall.name, arguments: JSON.stringify(answer.toolCall.arguments) },
        },
      ],
    });
  }
  chunk({}, "toolCall" in answer && answer.toolCall ? "tool_calls" : "stop");
  res.write(
    `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1, model, choices: [], usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 } })}\n\n`,
  );
  res.end("data: [DONE]\n\n");
}

function openaiWhole(res: http.ServerResponse, model: string, answer: FakeAnswer) {
  const toolCall = "toolCall" in answer ? answer.toolCall : undefined;
  const message = {
    role: "assistant",
    content: "text" in answer ? answer.text : JSON.stringify(answer.json),
    ...(toolCall && {
      tool_calls: [
        {
          id: "call_fake",
          type: "function",
          function: { name: toolCall.name, arguments: JSON.stringify(toolCall.arguments) },
        },
      ],
    }),
  };
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: "chatcmpl-fake",
      object: "chat.completion",
      created: 1,
      model,
      choices: [{ index: 0, message, finish_reason: toolCall ? "tool_calls" : "stop" }],
      usage: { prompt_tokens: 400, completion_tokens: 150, total_tokens: 550 },
    }),
  );
}

function ollamaChat(res: http.ServerResponse, model: string, stream: boolean, answer: FakeAnswer) {
  const toolCall = "toolCall" in answer ? answer.toolCall : undefined;
  const text = "text" in answer ? answer.text : JSON.stringify(answer.json);
  const final = {
    model,
    created_at: new Date().toISOString(),
    message: {
      role: "assistant",
      content: stream ? "" : text,
      ...(toolCall && { tool_calls: [{ function: { name: toolCall.name, arguments: toolCall.arguments } }] }),
    },
    done: true,
    done_reason: "stop",
    prompt_eval_count: 60,
    eval_count: 25,
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

export async function startFakeLlmServer(
  script: (req: FakeRequest) => FakeAnswer,
  ollama: { models: Array<{ name: string; capabilities: string[] }> } = { models: [] },
  pace: FakePace = {},
): Promise<FakeLlmServer> {
  const requests: FakeRequest[] = [];
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
      const protocol =
        url.pathname === "/api/chat" ? "ollama" : url.pathname.endsWith("/chat/completions") ? "openai" : undefined;
      if (!protocol) {
        res.writeHead(404).end();
        return;
      }
      const request: FakeRequest = {
        protocol,
        model: String(json.model),
        messages: json.messages ?? [],
        tools: (json.tools ?? []).map((t: { function?: { name?: string } }) => String(t.function?.name)),
        wantsJson: Boolean(json.response_format ?? json.format),
      };
      requests.push(request);
      const answer = script(request);
      const streaming = protocol === "ollama" ? json.stream !== false : Boolean(json.stream);
      if (!streaming) await pause(pace.answerDelayMs);
      if (protocol === "openai") {
        if (streaming) await openaiStream(res, request.model, answer, pace);
        else openaiWhole(res, request.model, answer);
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
  const prompt = allText(req);
  const brief = JSON.parse(prompt.match(/Design brief:\n(\{[\s\S]*?\n\})/)?.[1] ?? "{}") as {
    dimensions?: Array<{ name: string; value: number }>;
  };
  const current = prompt.match(/current model \(version \d+\)\. Its code:\n```python\n([\s\S]*?)```/)?.[1];
  const dim = (name: string, fallback: number) => brief.dimensions?.find((d) => d.name === name)?.value ?? fallback;
  const code = current
    ? current.replace(/^HEIGHT = [\d.]+/m, `HEIGHT = ${dim("height", 10)}`)
    : `from build123d import *\n\nLENGTH = ${dim("length", 10)}  # @param mm min=1 max=500 "Length"\nWIDTH = ${dim("width", 10)}  # @param mm min=1 max=500 "Width"\nHEIGHT = ${dim("height", 10)}  # @param mm min=1 max=500 "Height"\n\nroot_part = Box(LENGTH, WIDTH, HEIGHT)\n`;
  const comment = current ? "Updated the height." : "A plain block.";
  if (req.tools.includes("submit")) {
    return { text: "", toolCall: { name: "submit", arguments: { code, parameters: {}, comment } } };
  }
  return { json: { plan: "One box.", code, parameters: {}, comment } };
}
