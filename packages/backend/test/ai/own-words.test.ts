import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { ChatItemListSchema } from "@chat3d/shared";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ownWords } from "../../src/ai/codegen/own-words.js";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { designBrief, ScriptedModel, usableModel, type Turn } from "../helpers/llm.js";
import { openStream } from "../helpers/sse-client.js";
import { signUp } from "../helpers/accounts.js";

// The answer a person reads is the conversation's words and the code model's final comment — never the
// app's own tool text that a model repeats, in its steps or in that comment.

const LOOK_NOTE = "The previews of your last look (iso, front, top, right):";

describe("ownWords", () => {
  const app = [LOOK_NOTE, '{"ok":true,"geometry":"1 solid(s), 40 × 20 × 10 mm overall, watertight"}'].map((s) =>
    s.toLowerCase(),
  );

  it("when a comment repeats a sentence of the app's tool text, then that sentence is dropped and the rest kept", () => {
    expect(ownWords(`${LOOK_NOTE} A block, as asked.`, app)).toBe("A block, as asked.");
    expect(ownWords(`Here it is.\n\n${LOOK_NOTE}\nRounded the edges too.`, app)).toBe(
      "Here it is.\n\nRounded the edges too.",
    );
  });

  it("when a comment is all echo, then nothing of it is left", () => {
    expect(ownWords(`  ${LOOK_NOTE.toUpperCase()}  `, app)).toBe("");
    expect(ownWords("1 solid(s), 40 × 20 ×  10 mm overall,", app)).toBe("");
  });

  it("when a comment is the model's own words, even short common ones, then it is kept as written", () => {
    expect(ownWords("A 40 × 20 × 10 mm block with a 2 mm fillet.", app)).toBe(
      "A 40 × 20 × 10 mm block with a 2 mm fillet.",
    );
    expect(ownWords("Watertight.", app)).toBe("Watertight.");
  });
});

const CODE = "from build123d import *\nroot_part = Box(40, 20, 10)\n";

/** The words of the last message the model was given: the app's tool result, or the note it added. */
function lastWords(options: LanguageModelV4CallOptions): string {
  const last = options.prompt.at(-1)!;
  if (typeof last.content === "string") return last.content;
  return last.content
    .map((part) =>
      part.type === "text"
        ? part.text
        : part.type === "tool-result" && "value" in part.output
          ? JSON.stringify(part.output.value)
          : "",
    )
    .join(" ");
}

/** A parrot: each step says back what it was last given, and its comment starts with it too. */
const echoing: Turn[] = [
  { text: "Starting.", calls: [{ name: "render", input: { code: CODE } }] },
  { reply: (o) => ({ text: lastWords(o), calls: [{ name: "look", input: {} }] }) },
  {
    reply: (o) => ({
      text: lastWords(o),
      calls: [
        {
          name: "submit",
          input: { code: CODE, parameters: {}, comment: `${lastWords(o)} A 40 by 20 by 10 mm block.` },
        },
      ],
    }),
  },
];
const designer = new ScriptedModel("mock:echo-designer", [
  { text: "Making it now.", toolCall: { name: "generate_3d_model", input: designBrief({ summary: "A block" }) } },
]);
const coder = new ScriptedModel("mock:echo-coder", echoing);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp(
    { BUILD123D_URL: inject("renderUrl") },
    { models: [usableModel(designer), usableModel(coder, { accepts_images: true })] },
  );
}, 180_000);
afterAll(async () => {
  await app.stop();
});

describe("the answer a person reads", () => {
  it("when the code model echoes the app's tool text in its steps and its comment, then the answer shows only its own words", async () => {
    const client = new TestClient(app.url);
    await signUp(app, client, { email: uniqueEmail("echo"), password: PASSWORD });
    const chat = (await client.post("/api/chat/contexts", {})).body.context.id as string;
    const stream = await openStream(app.url, { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
    await stream.next((e) => e.event === "ready");
    const res = await client.post("/api/query", {
      chat_context_id: chat,
      query: "A block 40 by 20 by 10 mm",
      conversation_model_id: designer.id,
      codegen_model_id: coder.id,
    });
    expect(res.status).toBe(202);
    const done = await stream.next(
      (e) => e.event === "chat.query.state" && ["completed", "failed"].includes(e.data.state),
      60_000,
    );
    const deltas = stream.events.filter((e) => e.event === "chat.answer.delta").map((e) => e.data.delta);
    stream.close();
    expect(done.data.state).toBe("completed");
    // The parrot did echo: its last step was given the look note, and said it back.
    expect(lastWords(coder.prompts.at(-1)!)).toContain(LOOK_NOTE);
    const answer = ChatItemListSchema.parse((await client.get(`/api/chat/contexts/${chat}/items`)).body).items.at(-1)!;
    expect(answer.type).toBe("3dmodel");
    expect(answer.text).toBe("Making it now.\n\nA 40 by 20 by 10 mm block.");
    expect(deltas.join("")).toBe("Making it now.");
  });
});
