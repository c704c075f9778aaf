import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fromTypedError } from "./error-handler.js";

const SRC = fileURLToPath(new URL("..", import.meta.url));

// Errors that never reach an HTTP client: start-up and job failures, reported by their process.
const INTERNAL = new Set(["ConfigError", "MigrationError", "EmailInProgressError", "ProviderFailure"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe("typed errors", () => {
  it("when any error class the backend exports is thrown in a request, then it maps to a 4xx or 503, never a 500", async () => {
    const unmapped: string[] = [];
    let seen = 0;
    for (const file of sourceFiles(SRC)) {
      if (file.endsWith("server.ts") || file.endsWith("worker.ts") || file.endsWith("migrate-cli.ts")) continue;
      for (const [name, value] of Object.entries(await import(file))) {
        if (typeof value !== "function" || !(value.prototype instanceof Error) || INTERNAL.has(name)) continue;
        seen += 1;
        const mapped = fromTypedError(Object.create(value.prototype as object));
        if (!mapped || (mapped.status >= 500 && mapped.status !== 503))
          unmapped.push(`${name} (${path.relative(SRC, file)})`);
      }
    }
    expect(unmapped).toEqual([]);
    expect(seen).toBeGreaterThanOrEqual(3);
  });
});
