import { availableParallelism } from "node:os";
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
      testTimeout: 40_000,
      // The main process only collects results, so every core can run a jsdom worker (vitest's default keeps
      // one back, which on two cores meant one file at a time).
      maxWorkers: availableParallelism(),
    },
  }),
);
