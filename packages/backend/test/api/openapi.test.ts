import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

const COMMITTED = fileURLToPath(new URL("../../../../docs/openapi.json", import.meta.url));

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every method and path the Express app answers, read off its router stack rather than any list of ours. */
function expressRoutes(express: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = `${prefix}${layer.route.path === "/" ? "" : layer.route.path}`.replace(/:(\w+)/g, "{$1}");
        for (const method of Object.keys(layer.route.methods)) found.push(`${method} ${path}`);
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, `${prefix}${layer.rawPath && layer.rawPath !== "/" ? layer.rawPath : ""}`);
      }
    }
  };
  walk((express as unknown as { router: { stack: Layer[] } }).router.stack, "");
  return found.filter((r) => r.includes(" /api/")).sort();
}

describe("the OpenAPI document", () => {
  it("when served, then it matches the committed docs/openapi.json (run `npm run openapi` after API changes)", async () => {
    const served = await (await fetch(`${app.url}/api/openapi.json`)).json();
    if (process.env.UPDATE_OPENAPI === "1") writeFileSync(COMMITTED, `${JSON.stringify(served, null, 2)}\n`);
    expect(served).toEqual(JSON.parse(readFileSync(COMMITTED, "utf8")));
  });

  it("when the Express router is walked, then every route it serves is documented and every documented route is served", async () => {
    const document = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`))
      .sort();
    expect(expressRoutes(app.server.app)).toEqual(documented);
  });
});
