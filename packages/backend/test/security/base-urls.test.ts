import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

// SSRF: the server sends requests only to base URLs its operator configures (render service, LLM providers);
// these tests pin down which of those values start-up accepts, and that no API input is a URL it would fetch.
const BASE_URLS = [
  "APP_BASE_URL",
  "BUILD123D_URL",
  "ANTHROPIC_BASE_URL",
  "OPENAI_BASE_URL",
  "XAI_BASE_URL",
  "OLLAMA_BASE_URL",
];
const base = { DATABASE_URL: "postgres://u@localhost:5432/chat3d" };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const document = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../../../docs/openapi.json", import.meta.url)), "utf8"),
);

/** Every request input (parameter or body property, at any depth) whose name or format says it is a URL. */
function urlInputs(doc: { paths: Record<string, Record<string, any>> }): string[] {
  const found: string[] = [];
  const walk = (schema: any, where: string) => {
    if (!schema || typeof schema !== "object") return;
    if (schema.format === "uri" || schema.format === "url") found.push(where);
    for (const [name, sub] of Object.entries<any>(schema.properties ?? {})) {
      if (/(^|_)(url|uri|href|host|base)($|_)/i.test(name)) found.push(`${where}.${name}`);
      walk(sub, `${where}.${name}`);
    }
    for (const key of ["items", "additionalProperties"]) walk(schema[key], `${where}[]`);
    for (const key of ["anyOf", "oneOf", "allOf"]) for (const sub of schema[key] ?? []) walk(sub, where);
  };
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) {
        if (/(^|_)(url|uri|href|host|base)($|_)/i.test(p.name)) found.push(`${at} ${p.name}`);
        walk(p.schema, `${at} ${p.name}`);
      }
      for (const media of Object.values<any>(op.requestBody?.content ?? {})) walk(media.schema, `${at} body`);
    }
  }
  return found;
}

describe("SSRF through configurable base URLs", () => {
  it("when a base URL is http or https, on any host (the operator's own network included), then start-up accepts it", () => {
    for (const name of BASE_URLS) {
      for (const url of ["https://api.example.com/v1", "http://10.0.0.5:11434", "http://build123d:80"]) {
        expect(problemsOf({ [name]: url }), `${name}=${url}`).toEqual([]);
      }
    }
  });

  it("when a base URL has another scheme or carries credentials, then start-up refuses it naming the variable", () => {
    for (const name of BASE_URLS) {
      for (const url of [
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_FLUSHALL",
        "ftp://x.example",
        "https://user:pw@api.example.com",
      ]) {
        expect(problemsOf({ [name]: url }), `${name}=${url}`).toEqual([
          expect.stringMatching(new RegExp(`^${name}: `)),
        ]);
      }
    }
  });

  it("when the API's inputs are read from docs/openapi.json, then none is a URL the server could be made to fetch", () => {
    expect(Object.keys(document.paths).length).toBeGreaterThan(40);
    expect(urlInputs(document)).toEqual([]);
  });

  it("when an operation does take a URL, then the check names it", () => {
    const bad = {
      paths: {
        "/api/x": {
          post: {
            parameters: [{ name: "callback_url", in: "query", schema: { type: "string" } }],
            requestBody: {
              content: {
                "application/json": {
                  schema: {
                    properties: { image: { type: "string", format: "uri" }, nested: { properties: { base_url: {} } } },
                  },
                },
              },
            },
          },
        },
      },
    };
    expect(urlInputs(bad)).toEqual([
      "POST /api/x callback_url",
      "POST /api/x body.image",
      "POST /api/x body.nested.base_url",
    ]);
  });
});
