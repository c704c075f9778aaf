import { ChatContextListSchema, ChatItemListSchema, ChatItemSchema } from "@chat3d/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { signUp } from "../helpers/accounts.js";
import { openStream } from "../helpers/sse-client.js";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

const MISSING = "00000000-0000-4000-8000-000000000000";

async function person() {
  const client = new TestClient(app.url);
  await signUp(app, client, { email: uniqueEmail("chat"), password: PASSWORD }, { confirm: false });
  return client;
}

async function chat(client: TestClient, name?: string) {
  const res = await client.post("/api/chat/contexts", name ? { name } : {});
  expect(res.status).toBe(201);
  return res.body.context as { id: string; name: string };
}

describe("chats", () => {
  it("when chats are created and one gets a message, then the list is by last activity and searchable by name", async () => {
    const client = await person();
    const bracket = await chat(client, "Wall bracket");
    const gear = await chat(client, "Spur gear");
    const untitled = await chat(client);
    expect(untitled.name).toBe("New chat");
    expect((await client.post(`/api/chat/contexts/${bracket.id}/items`, { text: "Make it 40 mm wide" })).status).toBe(
      201,
    );

    const list = ChatContextListSchema.parse((await client.get("/api/chat/contexts")).body);
    expect(list.items.map((c) => c.name)).toEqual(["Wall bracket", "New chat", "Spur gear"]);
    const found = (await client.get("/api/chat/contexts?query=GEAR")).body.items.map((c: { id: string }) => c.id);
    expect(found).toEqual([gear.id]);
    expect((await client.get("/api/chat/contexts?query=100%25")).body.items).toEqual([]);
  });

  it("when there are more chats than a page, then the cursor walks them all once, in order", async () => {
    const client = await person();
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push((await chat(client, `Part ${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = ChatContextListSchema.parse(
        (await client.get(`/api/chat/contexts?limit=3${cursor ? `&cursor=${cursor}` : ""}`)).body,
      );
      seen.push(...page.items.map((c) => c.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await client.get("/api/chat/contexts?cursor=not*a*cursor")).status).toBe(400);
    expect((await client.get("/api/chat/contexts?cursor=eyJ4IjoxfQ")).status).toBe(400);
  });

  it("when a chat is renamed, then the name is one line of text, and the owner's other tabs hear of it", async () => {
    const client = await person();
    const { id } = await chat(client, "Draft");
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const stream = await openStream(app.url, { cookie });
    await stream.next((e) => e.event === "ready");

    const renamed = await client.patch(`/api/chat/contexts/${id}`, { name: "  Hinge, v2  " });
    expect(renamed.body.context.name).toBe("Hinge, v2");
    const event = await stream.next((e) => e.event === "chat.context.updated");
    expect(event.data.context).toMatchObject({ id, name: "Hinge, v2" });
    stream.close();

    expect((await client.patch(`/api/chat/contexts/${id}`, { name: "a\nb" })).status).toBe(400);
    expect((await client.patch(`/api/chat/contexts/${id}`, { name: "" })).status).toBe(400);
    expect((await client.patch(`/api/chat/contexts/${id}`, { title: "x" })).status).toBe(400);
  });

  it("when another person uses my chat's or item's id, then every route answers 404, as for an unknown id", async () => {
    const owner = await person();
    const stranger = await person();
    const { id } = await chat(owner, "Mine");
    const item = (await owner.post(`/api/chat/contexts/${id}/items`, { text: "hello" })).body.item;
    const attempts = [
      stranger.get(`/api/chat/contexts/${id}`),
      stranger.patch(`/api/chat/contexts/${id}`, { name: "Theirs" }),
      stranger.request("DELETE", `/api/chat/contexts/${id}`),
      stranger.get(`/api/chat/contexts/${id}/items`),
      stranger.post(`/api/chat/contexts/${id}/items`, { text: "hi" }),
      stranger.patch(`/api/chat/items/${item.id}`, { text: "changed" }),
      stranger.request("DELETE", `/api/chat/items/${item.id}`),
      stranger.get(`/api/chat/contexts/${id}/versions`),
      stranger.post(`/api/chat/contexts/${id}/render`, { code: "x = 1" }),
      stranger.post(`/api/chat/contexts/${id}/versions/${MISSING}/restore`),
      owner.get(`/api/chat/contexts/${MISSING}`),
      owner.get(`/api/chat/versions/${MISSING}`),
    ];
    expect((await Promise.all(attempts)).map((r) => r.status)).toEqual(Array(attempts.length).fill(404));
    expect((await owner.get(`/api/chat/contexts/${id}`)).body.context.name).toBe("Mine");
    expect((await owner.get("/api/chat/contexts/not-a-uuid")).status).toBe(400);
  });
});

describe("the timeline", () => {
  it("when a chat has many messages, then pages go back from the newest, oldest first within a page", async () => {
    const client = await person();
    const { id } = await chat(client);
    for (let i = 0; i < 12; i++) await client.post(`/api/chat/contexts/${id}/items`, { text: `message ${i}` });
    const texts: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page = ChatItemListSchema.parse(
        (await client.get(`/api/chat/contexts/${id}/items?limit=5${before ? `&before=${before}` : ""}`)).body,
      );
      texts.unshift(...page.items.map((i) => (i.type === "message" ? i.text : "")));
      before = page.before_cursor;
      pages += 1;
    } while (before);
    expect(pages).toBe(3);
    expect(texts).toEqual(Array.from({ length: 12 }, (_, i) => `message ${i}`));
  });

  it("when a message is edited, rated or deleted, then only what makes sense is allowed", async () => {
    const client = await person();
    const { id } = await chat(client);
    const mine = ChatItemSchema.parse(
      (await client.post(`/api/chat/contexts/${id}/items`, { text: "first" })).body.item,
    );
    expect(mine).toMatchObject({ type: "message", role: "user", text: "first", state: "complete", rating: null });

    expect((await client.patch(`/api/chat/items/${mine.id}`, { text: "first, edited" })).body.item.text).toBe(
      "first, edited",
    );
    expect((await client.patch(`/api/chat/items/${mine.id}`, { rating: 1 })).status).toBe(409);
    expect((await client.patch(`/api/chat/items/${mine.id}`, {})).status).toBe(400);
    expect((await client.post(`/api/chat/contexts/${id}/items`, { text: "   " })).status).toBe(400);
    expect((await client.post(`/api/chat/contexts/${id}/items`, { text: "nul \u0000 byte" })).status).toBe(400);

    expect((await client.request("DELETE", `/api/chat/items/${mine.id}`)).status).toBe(204);
    expect((await client.get(`/api/chat/contexts/${id}/items`)).body.items).toEqual([]);
  });

  it("when a chat is deleted, then its items go with it, and it is gone from the list", async () => {
    const client = await person();
    const { id } = await chat(client, "Doomed");
    await client.post(`/api/chat/contexts/${id}/items`, { text: "soon gone" });
    expect((await client.request("DELETE", `/api/chat/contexts/${id}`)).status).toBe(204);
    expect((await client.get(`/api/chat/contexts/${id}`)).status).toBe(404);
    const { rows } = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM chat_items WHERE chat_context_id = ${id}`.execute(app.server.container.db);
    expect(rows[0]!.n).toBe("0");
  });
});
