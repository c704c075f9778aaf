import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { ContainerOptions } from "../../src/container.js";
import { startWebServer, type RunningServer } from "../../src/server.js";
import { testConfig } from "./config.js";
import { createEmptyDatabase, type TestDatabase } from "./database.js";

export const ADMIN = { email: "admin@example.test", password: "admin-password-123" };

export interface TestApp {
  url: string;
  server: RunningServer;
  database: TestDatabase;
  mailDir: string;
  stop(): Promise<void>;
}

/**
 * A real API on a free port with its own database, Redis key space and mail folder; `options.clock` sets
 * the time every service reads.
 */
export async function startTestApp(env: Record<string, string> = {}, options: ContainerOptions = {}): Promise<TestApp> {
  const database = await createEmptyDatabase();
  const mailDir = mkdtempSync(path.join(tmpdir(), "chat3d-mail-"));
  const server = await startWebServer(
    testConfig({
      DATABASE_URL: database.url,
      REDIS_URL: process.env.TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `t${randomBytes(4).toString("hex")}:`,
      MAIL_CAPTURE_DIR: mailDir,
      // As behind one reverse proxy: each TestClient presents its own client address.
      TRUST_PROXY_HOPS: "1",
      ...env,
    }),
    options,
  );
  return {
    url: server.url,
    server,
    database,
    mailDir,
    async stop() {
      await server.stop();
      await database.drop();
    },
  };
}

/** Another API instance on the same database and Redis, as behind a load balancer; the caller stops it. */
export function startSecondInstance(
  app: TestApp,
  env: Record<string, string> = {},
  options: ContainerOptions = {},
): Promise<RunningServer> {
  return startWebServer(
    testConfig({
      DATABASE_URL: app.database.url,
      REDIS_URL: process.env.TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `t${randomBytes(4).toString("hex")}:`,
      MIGRATE_ON_START: "false",
      // Its worker may send the first instance's mail: it lands where the tests read it.
      MAIL_CAPTURE_DIR: app.mailDir,
      ...env,
    }),
    options,
  );
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * An HTTP client that keeps cookies like a browser tab (no Origin header unless given). Each client comes
 * from its own address, as the reverse proxy reports it, unless one is given.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    readonly ip = `10.${randomBytes(3).join(".")}`,
  ) {}

  async request<T = any>(
    method: string,
    pathname: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(this.baseUrl + pathname, {
      method,
      headers: {
        ...(body !== undefined && { "content-type": "application/json" }),
        ...(cookie && { cookie }),
        "x-forwarded-for": this.ip,
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name!);
      else this.cookies.set(name!, value);
    }
    const text = await res.text();
    const json = res.headers.get("content-type")?.includes("application/json");
    return {
      status: res.status,
      body: json && text ? JSON.parse(text) : text || undefined,
      headers: res.headers,
    } as Reply<T>;
  }

  get<T = any>(p: string, headers?: Record<string, string>) {
    return this.request<T>("GET", p, undefined, headers);
  }
  post<T = any>(p: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", p, body, headers);
  }
  patch<T = any>(p: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PATCH", p, body, headers);
  }
  delete<T = any>(p: string, headers?: Record<string, string>) {
    return this.request<T>("DELETE", p, undefined, headers);
  }

  /** A multipart upload of one file, as the browser's file picker sends it. */
  async upload<T = any>(p: string, name: string, bytes: Buffer): Promise<Reply<T>> {
    const form = new FormData();
    form.append("file", new Blob([bytes]), name);
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(this.baseUrl + p, {
      method: "POST",
      headers: { cookie, "x-forwarded-for": this.ip },
      body: form,
    });
    return { status: res.status, body: await res.json(), headers: res.headers } as Reply<T>;
  }

  /** A download's bytes. */
  async bytes(p: string): Promise<Buffer> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(this.baseUrl + p, { headers: { cookie, "x-forwarded-for": this.ip } });
    if (!res.ok) throw new Error(`GET ${p} answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async login(email: string, password: string) {
    const res = await this.post("/api/auth/login", { email, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
}

let counter = 0;
export function uniqueEmail(tag = "user") {
  counter += 1;
  return `${tag}-${counter}-${randomBytes(3).toString("hex")}@example.test`;
}

export const PASSWORD = "correct-horse-battery";
