import { ApiErrorSchema } from "@chat3d/shared";
import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

type JsonSchema = Parameters<typeof z.fromJSONSchema>[0];
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> };
type Route = { template: string; pattern: RegExp; params: number; methods: Record<string, Operation> };
type Contract = { routes: Route[]; schemas: Map<string, z.ZodType> };

// The OpenAPI document is generated from the backend's route tables and the shared zod schemas (a backend test
// fails when it drifts), so a fake answer checked against it cannot drift from what the real API sends.
const OPENAPI = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../docs/openapi.json");

// Kept on the worker's global, not in this module, so the 1.7 MB document is parsed and each operation's schema
// converted once per worker instead of once per test file.
const cache = globalThis as { chat3dContract?: Contract };
function contract(): Contract {
  if (cache.chat3dContract) return cache.chat3dContract;
  const document = JSON.parse(readFileSync(OPENAPI, "utf8")) as { paths: Record<string, Record<string, Operation>> };
  const routes = Object.entries(document.paths)
    .map(([template, methods]) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
      params: template.split("{").length - 1,
      methods,
    }))
    // A literal segment wins over a parameter ("/api/chats/search" before "/api/chats/{id}").
    .sort((a, b) => a.params - b.params);
  cache.chat3dContract = { routes, schemas: new Map() };
  return cache.chat3dContract;
}

/** Why this answer is not one the real API could give, or null when it could. */
export function contractViolation(method: string, path: string, status: number, body: unknown): string | null {
  const route = `${method} ${path}`;
  if (status >= 400) {
    const parsed = ApiErrorSchema.safeParse(body);
    return parsed.success
      ? null
      : `${route} answered ${status} outside the error shape: ${z.prettifyError(parsed.error)}`;
  }
  const { routes, schemas } = contract();
  const verb = method.toLowerCase();
  const found = routes.find((r) => r.methods[verb] && r.pattern.test(path));
  if (!found) return `${route} is not a route of the API (docs/openapi.json).`;
  const response = found.methods[verb]?.responses?.[String(status)];
  if (!response) return `${route} answered ${status}, which the API never does.`;
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return `${route} answered ${status} with JSON, where the API sends none.`;
  const key = `${verb} ${found.template} ${status}`;
  let check = schemas.get(key);
  if (!check) {
    check = z.fromJSONSchema(schema);
    schemas.set(key, check);
  }
  const parsed = check.safeParse(body);
  return parsed.success
    ? null
    : `${route} answered ${status} with a body the API would not send:\n${z.prettifyError(parsed.error)}`;
}

const violations: string[] = [];

/** Checks the JSON the handler writes to `res` against the contract; what does not fit fails the test. */
export function checkAnswer(method: string, path: string, res: ServerResponse): void {
  // Headers handed to writeHead never reach getHeader, so the content type is read where it is set.
  let type = "";
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const headers = args.find((arg) => typeof arg === "object" && arg !== null) as Record<string, unknown> | undefined;
    type = String(headers?.["content-type"] ?? "");
    return writeHead(...args);
  }) as ServerResponse["writeHead"];
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const [chunk] = args;
    if (/json/.test(type || String(res.getHeader("content-type") ?? "")) && chunk !== undefined) {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        violations.push(`${method} ${path} answered ${res.statusCode} with JSON that does not parse: ${text}`);
      }
      const problem = body === undefined ? null : contractViolation(method, path, res.statusCode, body);
      if (problem) violations.push(problem);
    }
    return end(...args);
  }) as ServerResponse["end"];
}

/** The violations since the last call (setup-tests fails the test that caused them). */
export function takeContractViolations(): string[] {
  return violations.splice(0);
}
