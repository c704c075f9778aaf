import type { ParsedMail } from "mailparser";
import { PASSWORD, TestClient, uniqueEmail, type TestApp } from "./app.js";
import { linkIn, type SmtpSink } from "./smtp.js";

export interface Member {
  client: TestClient;
  email: string;
  id: string;
}

/** A freshly registered person, signed in on their own client. */
export async function member(app: TestApp, tag = "member", password = PASSWORD): Promise<Member> {
  const client = new TestClient(app.url);
  const email = uniqueEmail(tag);
  const res = await client.post("/api/auth/register", { email, password });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, email, id: res.body.user.id as string };
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
