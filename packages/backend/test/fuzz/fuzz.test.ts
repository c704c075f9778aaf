import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MAX_JSON_DEPTH } from "@chat3d/shared";
import { ADMIN, PASSWORD, TestClient, startTestApp, type TestApp } from "../helpers/app.js";
import { member } from "../helpers/accounts.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const DOCUMENT = path.join(repo, "docs/openapi.json");
const HOOKS = fileURLToPath(new URL("./checks.py", import.meta.url));
const CONFIG = fileURLToPath(new URL("./schemathesis.toml", import.meta.url));
// Cases per operation and pass: 72 operations × 2 passes stay within ~90 s on a 2-core machine.
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 8);
// A fixed seed makes a failure reproducible; FUZZ_SEED explores other inputs.
const SEED = process.env.FUZZ_SEED ?? "17";

// Operations whose side effects would end the run rather than test anything: logging out revokes the Bearer
// session the fuzzer is using. Every other operation runs, deletions included (generated ids never name the
// fuzz accounts or their sessions, and the password-confirmed actions never get the password).
const EXCLUDED = ["POST /api/auth/logout"];
// The event stream never ends by design (an SSE response stays open), so a fuzzer waiting for its body would
// only time out; its input validation is covered by test/api/events.test.ts.
const STREAMING = ["GET /api/events/stream"];
// Schemathesis' checks plus ours (checks.py). Not positive_data_acceptance: some rules (a repetitive password, a
// cursor's encoding) have no JSON Schema form, so schema-valid inputs can rightly be refused with a 400.
const CHECKS = [
  "not_a_server_error",
  "status_code_conformance",
  "response_schema_conformance",
  "content_type_conformance",
  "error_shape",
];

interface FuzzRun {
  code: number | null;
  output: string;
  seconds: number;
  operations: number;
  cases: number;
}

// The admin pass fuzzes the admin API; everything else, which an admin reaches like anyone, is the user pass's.
const SELECTION = { user: ["--exclude-tag", "admin"], admin: ["--include-tag", "admin"] };
// Written out whole: docs/security.md names these tests, and its check looks for the exact title.
const PASSES = {
  user: "when signed in as a user, then no input gets a 5xx, every 4xx is in the error shape and every response matches its schema",
  admin:
    "when signed in as an admin, then no input gets a 5xx, every 4xx is in the error shape and every response matches its schema",
};

function schemathesis(python: string, url: string, role: keyof typeof SELECTION, token: string): Promise<FuzzRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "chat3d-fuzz-"));
  const report = path.join(dir, "events.ndjson");
  const exclude = [...EXCLUDED, ...STREAMING].flatMap((op) => ["--exclude-name", op]);
  const args = [
    "-m",
    "schemathesis.cli",
    "--config-file",
    CONFIG,
    "run",
    DOCUMENT,
    "--url",
    url,
    "--header",
    `Authorization: Bearer ${token}`,
    "--checks",
    CHECKS.join(","),
    "--phases",
    "examples,coverage,fuzzing",
    "--max-examples",
    String(MAX_EXAMPLES),
    "--seed",
    SEED,
    // One worker per process, and the two passes run side by side instead: Hypothesis parses lambdas' source with
    // ast in whichever thread draws, which CPython 3.11 before 3.11.8 cannot do from two threads at once.
    "--workers",
    "1",
    "--no-shrink",
    "--generation-database",
    "none",
    "--request-timeout",
    "15",
    "--suppress-health-check",
    "all",
    "--report",
    "ndjson",
    "--report-ndjson-path",
    report,
    "--no-color",
    ...SELECTION[role],
    ...exclude,
  ];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(python, args, {
      // Schemathesis keeps a cache in its working directory: the run's own folder, not the checkout.
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SCHEMATHESIS_HOOKS: HOOKS, PYTHONUNBUFFERED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.once("exit", (code) => {
      const events = (existsSync(report) ? readFileSync(report, "utf8") : "")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, any>);
      const operations = new Set<string>();
      let cases = 0;
      for (const event of events) {
        const finished = event.ScenarioFinished;
        if (!finished?.recorder) continue;
        operations.add(finished.recorder.label);
        cases += Object.keys(finished.recorder.interactions ?? {}).length;
      }
      resolve({ code, output, seconds: (performance.now() - started) / 1000, operations: operations.size, cases });
    });
  });
}

/** How many operations of the document a pass must have tested: all it selects, bar the exclusions. */
function selected(role: keyof typeof SELECTION): number {
  const document = JSON.parse(readFileSync(DOCUMENT, "utf8")) as {
    paths: Record<string, Record<string, { tags: string[] }>>;
  };
  return Object.entries(document.paths)
    .flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ name: `${m.toUpperCase()} ${p}`, op })))
    .filter(({ name }) => !EXCLUDED.includes(name) && !STREAMING.includes(name))
    .filter(({ op }) => op.tags.includes("admin") === (role === "admin")).length;
}

let app: TestApp;
let python: string;
const tokens: Record<"user" | "admin", string> = { user: "", admin: "" };
beforeAll(async () => {
  // The test's own Python tools, provisioned the way npm test provisions everything (a no-op when warm).
  python = execFileSync("bash", [path.join(repo, "scripts/test/python/ensure.sh")], { encoding: "utf8" }).trim();
  app = await startTestApp({ BUILD123D_URL: inject("renderUrl") });
  const user = await member(app, "fuzz");
  tokens.user = (await new TestClient(app.url).login(user.email, PASSWORD)).body.access_token;
  tokens.admin = (await new TestClient(app.url).login(ADMIN.email, ADMIN.password)).body.access_token;
}, 180_000);
afterAll(() => app?.stop());

describe.concurrent("fuzzing the running API from docs/openapi.json (schemathesis)", () => {
  for (const [role, title] of Object.entries(PASSES) as [keyof typeof SELECTION, string][]) {
    it(title, { timeout: 240_000 }, async () => {
      const run = await schemathesis(python, app.url, role, tokens[role]);
      console.log(
        JSON.stringify({
          fuzz: role,
          operations: run.operations,
          cases: run.cases,
          seconds: +run.seconds.toFixed(1),
        }),
      );
      expect(run.code, run.output.slice(-20_000)).toBe(0);
      expect(run.operations).toBe(selected(role));
    });
  }
});

describe("nesting: every operation that takes a JSON body, from docs/openapi.json", () => {
  const nested = (levels: number) => `{"a":${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}}`;

  it("when a body nests past the limit (to 100,000 levels), then each answers 400 too_deeply_nested, and at the limit none does", async () => {
    const document = JSON.parse(readFileSync(DOCUMENT, "utf8")) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([p, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.requestBody?.content?.["application/json"])
        .map(([method]) => ({
          method: method.toUpperCase(),
          url: p.replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000"),
        })),
    );
    expect(operations.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const { method, url } of operations) {
      for (const levels of [MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1, 5_000, 100_000]) {
        const res = await fetch(`${app.url}${url}`, {
          method,
          headers: { "content-type": "application/json", authorization: `Bearer ${tokens.user}` },
          body: nested(levels),
        });
        const code = res.status === 204 ? undefined : ((await res.json()) as { error?: { code: string } }).error?.code;
        const refused = res.status === 400 && code === "too_deeply_nested";
        if (refused !== levels > MAX_JSON_DEPTH || res.status >= 500)
          wrong.push(`${method} ${url} ${levels}: ${res.status} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
