import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config.ts";

export default mergeConfig(
  viteConfig,
  defineConfig({
    root: fileURLToPath(new URL(".", import.meta.url)),
    test: {
      environment: "jsdom",
      setupFiles: ["./src/testing/setup-tests.ts"],
      include: ["src/**/*.test.{ts,tsx}", "*.test.ts"],
      // A route's first render compiles its lazy modules; on a loaded two-core machine that alone can pass 5 s.
      testTimeout: 15_000,
    },
  }),
);
