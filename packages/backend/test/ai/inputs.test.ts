import { ChatItemSchema } from "@chat3d/shared";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { designBrief, ScriptedModel, usableModel } from "../helpers/llm.js";

// What a question carries besides its words: a sketch or photo (its metadata stripped on upload, an image
// part for models that can see), and faces picked in the viewer (structured, in the code model's prompt).

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/images/${name}`, import.meta.url)));
const python = fileURLToPath(new URL("../../../../services/build123d/.venv/bin/python", import.meta.url));

/** Decodes an image with Pillow: its size, and its EXIF orientation and camera make if any survive. */
function decode(bytes: Buffer): { size: [number, number]; orientation: number | null; make: string | null } {
  const out = execFileSync(
    python,
    [
      "-c",
      "import io,json,sys\nfrom PIL import Image\nim=Image.open(io.BytesIO(sys.stdin.buffer.read()))\nim.load()\nx=im.getexif()\nprint(json.dumps({'size':im.size,'orientation':x.get(274),'make':x.get(271)}))",
    ],
    { input: bytes },
  );
  return JSON.parse(out.toString());
}

const brief = designBrief({ summary: "Make the top face 5 mm thicker", change_of_current: true });
const BOX = "from build123d import *\nHEIGHT = 10  # @param mm\nroot_part = Box(40, 20, HEIGHT)\n";
const submitTaller = {
  calls: [{ name: "submit", input: { code: BOX.replace("= 10", "= 15"), parameters: {}, comment: "Thicker." } }],
};

const seeing = new ScriptedModel("mock:seeing", [
  { text: "I see your sketch.", toolCall: { name: "generate_3d_model", input: brief } },
  { calls: [{ name: "render", input: { code: BOX.replace("= 10", "= 15") } }] },
  { calls: [{ name: "look", input: {} }] },
  submitTaller,
]);
const blind = new ScriptedModel("mock:blind", [
  { text: "Changing it.", toolCall: { name: "generate_3d_model", input: brief } },
  submitTaller,
]);

const renderUrl = inject("renderUrl");
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp(
    { BUILD123D_URL: renderUrl },
    { models: [usableModel(seeing, { accepts_images: true }), usableModel(blind)] },
  );
}, 180_000);
afterAll(async () => {
  await app.stop();
});

async function person() {
  const client = new TestClient(app.url);
  await signUp(app, client, { email: uniqueEmail("inputs"), password: PASSWORD }, { confirm: false });
  const chat = (await client.post("/api/chat/contexts", {})).body.context.id as string;
  return { client, chat };
}

async function upload(client: TestClient, name: string, bytes: Buffer): Promise<string> {
  const res = await client.upload("/api/files", name, bytes);
  expect(res.status).toBe(201);
  return res.body.file.id;
}

async function finished(client: TestClient, queryId: string) {
  for (let i = 0; i < 120; i++) {
    const { query } = (await client.get(`/api/query/${queryId}`)).body;
    if (["completed", "failed", "cancelled"].includes(query.state)) return query;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the query did not finish");
}

describe("pictures sent with a question", () => {
  it("when a photo with GPS, camera and comment is uploaded, then all of that is gone, the orientation stays, and it still decodes", async () => {
    const { client } = await person();
    const original = fixture("photo-with-gps.jpg");
    expect(decode(original)).toMatchObject({ orientation: 6, make: "SecretCam" });
    const res = await client.upload("/api/files", "photo.jpg", original);
    const stored = await client.bytes(`/api/files/${res.body.file.id}`);
    expect(stored.toString("latin1")).not.toMatch(/SecretCam|Model-X|taken at home/);
    expect(decode(stored)).toEqual({ size: [24, 16], orientation: 6, make: null });
    expect(res.body.file).toMatchObject({
      bytes: stored.length,
      sha256: createHash("sha256").update(stored).digest("hex"),
    });
  });

  it("when a PNG with text chunks and a WebP with EXIF and XMP are uploaded, then their metadata is gone and they decode", async () => {
    const { client } = await person();
    for (const [name, secret] of [
      ["sketch-with-text.png", /Jane Secret|52\.52|SecretCam/],
      ["photo-with-exif.webp", /xmpmeta|SecretCam/],
    ] as const) {
      const id = await upload(client, name, fixture(name));
      const stored = await client.bytes(`/api/files/${id}`);
      expect(stored.toString("latin1")).not.toMatch(secret);
      expect(decode(stored).size).toEqual([24, 16]);
    }
  });

  it("when a question carries a picture, then both stages of a model that can see receive it as an image part", async () => {
    const { client, chat } = await person();
    expect((await client.post(`/api/chat/contexts/${chat}/render`, { code: BOX })).status).toBe(201);
    const picture = await upload(client, "sketch.png", fixture("sketch-with-text.png"));
    const res = await client.post("/api/query", {
      chat_context_id: chat,
      query: "Like this sketch, but thicker",
      conversation_model_id: seeing.id,
      codegen_model_id: seeing.id,
      attachments: [picture],
    });
    expect(res.status).toBe(202);
    const query = await finished(client, res.body.query.id);
    expect(query.state).toBe("completed");
    expect(query.attachments).toEqual([{ file_id: picture, content_type: "image/png", name: "sketch.png" }]);
    // The conversation's question, and the code model's first prompt, each carry the sketch.
    expect(seeing.images(0)).toEqual([{ mediaType: "image/png", bytes: expect.any(Number) }]);
    expect(seeing.images(1)).toEqual([{ mediaType: "image/png", bytes: expect.any(Number) }]);
    const question = (await client.get(`/api/chat/contexts/${chat}/items`)).body.items.find(
      (i: { role: string; type: string }) => i.role === "user" && i.type === "message",
    );
    expect(question.attachments).toEqual(query.attachments);
  });

  it("when the chosen model cannot see, or the picture is not an image of its own, then the question is refused and nothing is kept", async () => {
    const { client, chat } = await person();
    const picture = await upload(client, "sketch.png", fixture("sketch-with-text.png"));
    const ask = (extra: object) =>
      client.post("/api/query", {
        chat_context_id: chat,
        query: "Like this",
        conversation_model_id: blind.id,
        ...extra,
      });
    expect(await ask({ attachments: [picture] })).toMatchObject({
      status: 422,
      body: { error: { code: "model_cannot_see" } },
    });
    const stranger = await person();
    const theirs = await upload(stranger.client, "theirs.png", fixture("sketch-with-text.png"));
    expect((await ask({ conversation_model_id: seeing.id, attachments: [theirs] })).status).toBe(404);
    const script = await upload(client, "notes.txt", Buffer.from("a text file"));
    expect(await ask({ conversation_model_id: seeing.id, attachments: [script] })).toMatchObject({
      status: 422,
      body: { error: { code: "unsupported_attachment" } },
    });
    expect((await client.get(`/api/chat/contexts/${chat}/items`)).body.items).toEqual([]);
  });

  it("when a picture is larger than the providers take, then the question is refused with the size", async () => {
    const { client, chat } = await person();
    // A valid PNG signature and header, padded past 5 MB with a private chunk the stripper keeps.
    const big = Buffer.concat([
      fixture("sketch-with-text.png").subarray(0, 33),
      pngChunk("prVt", Buffer.alloc(5.5 * 2 ** 20)),
    ]);
    const id = await upload(client, "big.png", big);
    const res = await client.post("/api/query", {
      chat_context_id: chat,
      query: "Like this",
      conversation_model_id: seeing.id,
      attachments: [id],
    });
    expect(res).toMatchObject({
      status: 413,
      body: { error: { message: expect.stringMatching(/5\.5 MB.*up to 5 MB/) } },
    });
  });
});

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, data, Buffer.alloc(4)]);
}

describe("faces picked in the viewer", () => {
  async function withVersion() {
    const { client, chat } = await person();
    const { version } = (await client.post(`/api/chat/contexts/${chat}/render`, { code: BOX })).body;
    const top = version.metrics.faces.find((f: { normal?: number[] }) => f.normal?.[2] === 1);
    const face = {
      version_id: version.id,
      index: top.index,
      type: top.type,
      center: top.center,
      normal: top.normal,
      axis: null,
      radius: null,
      size: [40, 20],
      area: top.area,
      label: "top face, plane, 40×20 mm",
    };
    return { client, chat, version, face };
  }

  it("when a question points at the top face, then the code model's prompt names that face with its centre and normal", async () => {
    const { client, chat, face } = await withVersion();
    const res = await client.post("/api/query", {
      chat_context_id: chat,
      query: "Make this face 5 mm thicker",
      conversation_model_id: blind.id,
      codegen_model_id: blind.id,
      faces: [face],
    });
    expect(res.status).toBe(202);
    expect((await finished(client, res.body.query.id)).state).toBe("completed");
    const [conversation, codegen] = blind.prompts.slice(-2).map((p) => JSON.stringify(p.prompt));
    const named = `face ${face.index} of version 1: plane, centre (0, 0, 5), outward normal (0, 0, 1), 40 × 20 mm`;
    expect(conversation).toContain(named);
    expect(codegen).toContain(named);
    expect(codegen).toContain("top face, plane, 40×20 mm");
  });

  it("when a picked face is not in this chat or does not exist, then the question is refused", async () => {
    const { client, chat, face } = await withVersion();
    const other = await withVersion();
    const ask = (faces: object[]) =>
      client.post("/api/query", { chat_context_id: chat, query: "This one", conversation_model_id: blind.id, faces });
    expect((await ask([other.face])).status).toBe(404);
    expect(await ask([{ ...face, index: 600 }])).toMatchObject({
      status: 422,
      body: { error: { code: "no_such_face" } },
    });
    expect((await ask([{ ...face, normal: "up" }])).status).toBe(400);
  });

  it("when a note (no question to the model) points at faces, then the message keeps them, with the same checks", async () => {
    const { client, chat, face } = await withVersion();
    const other = await withVersion();
    const note = (faces: object[]) => client.post(`/api/chat/contexts/${chat}/items`, { text: "this one", faces });
    const sent = await note([face]);
    expect(sent.status).toBe(201);
    expect(ChatItemSchema.parse(sent.body.item)).toMatchObject({ type: "message", faces: [face], attachments: [] });
    const { items } = (await client.get(`/api/chat/contexts/${chat}/items`)).body;
    expect(items.find((i: { id: string }) => i.id === sent.body.item.id)).toMatchObject({ faces: [face] });
    expect((await note([other.face])).status).toBe(404);
    expect(await note([{ ...face, index: 600 }])).toMatchObject({
      status: 422,
      body: { error: { code: "no_such_face" } },
    });
    expect((await note(Array(21).fill(face))).status).toBe(400);
  });
});
