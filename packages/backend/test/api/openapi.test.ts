import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS } from "../../src/openapi.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

describe("the OpenAPI document", () => {
  it("when served, then it matches the committed docs/openapi.json (run `npm run openapi` after API changes)", async () => {
    const served = await (await fetch(`${app.url}/api/openapi.json`)).json();
    const committed = JSON.parse(
      readFileSync(fileURLToPath(new URL("../../../../docs/openapi.json", import.meta.url)), "utf8"),
    );
    expect(served).toEqual(committed);
  });

  it("when every documented operation is called, then the API has a route for it", async () => {
    const missing = [];
    for (const op of OPERATIONS) {
      const path = op.path
        .replace("{area}", "modelcreator")
        .replace("{name}", "x.stl")
        .replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000");
      const res = await fetch(`${app.url}${path}`, { method: op.method.toUpperCase() });
      const text = await res.text();
      if (res.status === 404 && text.includes('"message":"No route')) missing.push(`${op.method} ${op.path}`);
    }
    expect(missing).toEqual([]);
  });
});
