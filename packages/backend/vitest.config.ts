import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@chat3d/shared": fileURLToPath(new URL("../shared/src/index.ts", import.meta.url)) },
  },
  test: {
    // The shared package's own unit tests run here too: it has no suite of its own.
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "../shared/src/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/helpers/global-setup.ts"],
    testTimeout: 30_000,
    // Most of a backend test is waiting on PostgreSQL, Redis, argon2 or the render service, so one file per
    // core leaves the cores idle; vitest's default (cores - 1) ran the files one at a time on two cores.
    maxWorkers: availableParallelism() + 1,
    hookTimeout: 60_000,
  },
});
