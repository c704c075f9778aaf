import { AdminUserListSchema } from "@chat3d/shared";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { member } from "../helpers/accounts.js";
import { ADMIN, startTestApp, TestClient, type TestApp } from "../helpers/app.js";
import { seedModelVersions } from "../helpers/seed-chat.js";

const storageDir = mkdtempSync(path.join(tmpdir(), "chat3d-usage-"));
let app: TestApp;
let admin: TestClient;

beforeAll(async () => {
  app = await startTestApp({ STORAGE_DIR: storageDir });
  admin = new TestClient(app.url);
  await admin.login(ADMIN.email, ADMIN.password);
});
afterAll(() => app.stop());

const lastMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 86_400_000);
};

describe("usage in the admin users list", () => {
  it("when people asked and rendered, then each row shows this month's questions, renders and spend, not last month's questions", async () => {
    const busy = await member(app, "busy");
    const idle = await member(app, "idle");
    const chat = (await busy.client.post("/api/chat/contexts", { name: "Usage" })).body.context.id as string;
    // Versions are immutable (a trigger refuses updates): last month's exclusion is shown by the queries.
    await seedModelVersions(app, storageDir, { ownerId: busy.id, chatId: chat, versions: 3 });
    const { db } = app.database;
    const query = (created_at: Date) => ({
      chat_context_id: chat,
      owner_id: busy.id,
      query: "a box",
      codegen_model_id: "openai:fake",
      conversation_model_id: "openai:fake",
      prompt_version: "test",
      cost_usd: "0.125",
      created_at,
    });
    await db
      .insertInto("chat_queries")
      .values([query(new Date()), query(new Date()), query(new Date()), query(lastMonth())])
      .execute();

    const list = async (email: string) =>
      AdminUserListSchema.parse((await admin.get(`/api/admin/users?query=${encodeURIComponent(email)}`)).body)
        .items[0]!;
    expect((await list(busy.email)).usage).toEqual({
      queries_this_month: 3,
      renders_this_month: 3,
      cost_this_month_usd: 0.375,
    });
    expect((await list(idle.email)).usage).toEqual({
      queries_this_month: 0,
      renders_this_month: 0,
      cost_this_month_usd: 0,
    });
  });
});
