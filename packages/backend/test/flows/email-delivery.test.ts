import { FailedJobListSchema } from "@chat3d/shared";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN, startTestApp, TestClient, uniqueEmail, type TestApp } from "../helpers/app.js";
import { freePort } from "../../src/lib/local-render-service.js";
import { recipient, startSmtp, type SmtpSink } from "../helpers/smtp.js";

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function appWithDeadSmtp(env: Record<string, string> = {}): Promise<{ app: TestApp; port: number }> {
  const port = await freePort();
  const app = await startTestApp({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port), ...env });
  cleanup.push(() => app.stop());
  return { app, port };
}

async function settle(smtp: SmtpSink, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (smtp.messages.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

describe("email delivery", () => {
  it("when SMTP is down and comes back, then every email is delivered exactly once", async () => {
    const { app, port } = await appWithDeadSmtp();
    const emails = [uniqueEmail("outage"), uniqueEmail("outage"), uniqueEmail("outage")];
    for (const email of emails) {
      expect((await new TestClient(app.url).post("/api/waitlist/join", { email })).status).toBe(202);
    }
    await new Promise((r) => setTimeout(r, 2500));

    const smtp = await startSmtp(port);
    cleanup.push(() => smtp.stop());
    await settle(smtp, emails.length, 40_000);
    // Give any duplicate the time to show up before counting.
    await new Promise((r) => setTimeout(r, 2000));
    expect(smtp.messages.map(recipient).sort()).toEqual([...emails].sort());
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(emails.length);
  });

  it("when an email job runs out of retries, then an admin sees it and can send it again", async () => {
    const { app, port } = await appWithDeadSmtp({ EMAIL_RETRY_LIMIT: "0" });
    const admin = new TestClient(app.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const email = uniqueEmail("failed");
    await new TestClient(app.url).post("/api/waitlist/join", { email });

    let failed = FailedJobListSchema.parse((await admin.get("/api/admin/jobs/failed")).body);
    const deadline = Date.now() + 15_000;
    while (failed.total === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      failed = FailedJobListSchema.parse((await admin.get("/api/admin/jobs/failed")).body);
    }
    expect(failed.items[0]).toMatchObject({
      name: "email.send",
      recipient: email,
      template: "waitlist_confirm",
      attempts: 1,
    });
    expect(JSON.stringify(failed)).not.toMatch(/token/);

    const smtp = await startSmtp(port);
    cleanup.push(() => smtp.stop());
    expect((await admin.post(`/api/admin/jobs/${failed.items[0]!.id}/retry`)).status).toBe(202);
    expect(recipient(await smtp.take(email))).toBe(email);
    expect((await admin.post(`/api/admin/jobs/${failed.items[0]!.id}/retry`)).status).toBe(404);
  });

  it("when the same email job runs twice, then the second run sends nothing", async () => {
    const smtp = await startSmtp();
    cleanup.push(() => smtp.stop());
    const app = await startTestApp({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) });
    cleanup.push(() => app.stop());
    const job = {
      template: "waitlist_already_member" as const,
      to: "twice@example.test",
      params: { link: "http://app.test/login" },
      idempotency_key: "test:twice",
    };
    expect(await app.server.container.email.deliver(job)).toBe("sent");
    expect(await app.server.container.email.deliver(job)).toBe("duplicate");
    await settle(smtp, 1, 5000);
    expect(smtp.messages).toHaveLength(1);
  });

  it("when two workers hold the same email job at once, then exactly one sends it and the other backs off", async () => {
    const smtp = await startSmtp();
    cleanup.push(() => smtp.stop());
    const app = await startTestApp({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) });
    cleanup.push(() => app.stop());
    const job = {
      template: "waitlist_already_member" as const,
      to: "racing@example.test",
      params: { link: "http://app.test/login" },
      idempotency_key: "test:racing",
    };
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => app.server.container.email.deliver(job)));
    expect(outcomes.filter((o) => o.status === "fulfilled" && o.value === "sent")).toHaveLength(1);
    // The losers either saw it sent or were told to retry later; none sent a second copy.
    for (const o of outcomes)
      if (o.status === "rejected") expect(String(o.reason)).toMatch(/another worker is sending/);
    await settle(smtp, 1, 5000);
    expect(smtp.messages).toHaveLength(1);
    expect(await app.server.container.email.deliver(job)).toBe("duplicate");
  });
});
