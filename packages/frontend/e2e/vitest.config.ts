import { defineConfig } from "vitest/config";

// Browser journeys against the real stack: built API + UI, PostgreSQL, Redis, the render service, Chromium.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.e2e.ts"],
    globalSetup: ["./harness/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One stack, one browser: journeys run one after another.
    fileParallelism: false,
  },
});
