import { simpleParser, type ParsedMail } from "mailparser";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PASSWORD, TestClient, uniqueEmail, type Reply, type TestApp } from "./app.js";
import { linkIn, recipient, sinkOn, type SmtpSink } from "./smtp.js";

export interface Member {
  client: TestClient;
  email: string;
  id: string;
}

/** A freshly registered person with a confirmed address, signed in on their own client. */
export async function member(app: TestApp, tag = "member", password = PASSWORD): Promise<Member> {
  const client = new TestClient(app.url);
  const email = uniqueEmail(tag);
  const res = await signUp(app, client, { email, password });
  return { client, email, id: res.body.user.id as string };
}

const takenFiles = new WeakMap<TestApp, Set<string>>();

/**
 * The next email to `to` that was not taken before: from the app's SMTP sink when it sends through one of this
 * process, else from its capture folder.
 */
export async function takeMail(app: TestApp, to: string, timeoutMs = 20_000): Promise<ParsedMail> {
  const { SMTP_HOST, SMTP_PORT } = app.server.container.config;
  const sink = SMTP_HOST ? sinkOn(SMTP_PORT) : undefined;
  if (SMTP_HOST && !sink) throw new Error(`no SMTP sink of this process listens on ${SMTP_PORT}`);
  if (sink) return sink.take(to, timeoutMs);
  const taken = takenFiles.get(app) ?? new Set<string>();
  takenFiles.set(app, taken);
  return eventually(
    async () => {
      for (const file of (await readdir(app.mailDir)).sort()) {
        if (taken.has(file)) continue;
        const mail = await simpleParser(await readFile(path.join(app.mailDir, file)));
        if (recipient(mail) !== to) continue;
        taken.add(file);
        return mail;
      }
      return undefined;
    },
    (mail) => mail !== undefined,
    timeoutMs,
  ) as Promise<ParsedMail>;
}

/** Confirms a new account's address by the link in its confirmation email (passing other mail by), as its owner would. */
export async function confirmEmail(app: TestApp, email: string): Promise<void> {
  let mail: ParsedMail;
  do mail = await takeMail(app, email);
  while (mail.subject !== "Confirm your email for Chat3D");
  const token = tokenIn(mail);
  const res = await new TestClient(app.url).post("/api/profile/actions/confirm", {
    token,
    action_type: "email_confirm",
  });
  if (res.status !== 200) throw new Error(`confirmation failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Open sign-up as a person goes through it: register (202, nobody signed in), confirm the address by the
 * emailed link (unless `confirm` is false), sign in on `client`. Answers the sign-in.
 */
export async function signUp(
  app: TestApp,
  client: TestClient,
  body: { email: string; password: string; display_name?: string },
  { confirm = true } = {},
): Promise<Reply<any>> {
  const res = await client.post("/api/auth/register", body);
  if (res.status !== 202) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (confirm) await confirmEmail(app, body.email);
  return client.login(body.email, body.password);
}

export function cookieOf(client: TestClient): string {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** The token of the confirmation link in an email. */
export function tokenIn(mail: ParsedMail): string {
  const token = linkIn(mail, "/account/confirm").params.get("token");
  if (!token) throw new Error(`no token in: ${mail.text}`);
  return token;
}

/** Waits for the next email to `to` that carries a confirmation link (passing notices by) and returns its token. */
export async function nextToken(smtp: SmtpSink, to: string): Promise<string> {
  for (;;) {
    const mail = await smtp.take(to);
    if (mail.text?.includes("/account/confirm#")) return tokenIn(mail);
  }
}

export function preview(app: TestApp, token: string) {
  return new TestClient(app.url).get("/api/profile/actions/confirm", { "x-chat3d-token": token });
}

/** Polls until `check` holds (a job's effect), failing after the deadline with what was last seen. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await read();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  throw new Error(`still not there after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
