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
    hookTimeout: 60_000,
  },
});
