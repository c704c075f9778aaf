import type { TestProject } from "vitest/node";
import { startLocalRenderService, type LocalRenderService } from "../../src/lib/local-render-service.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** One real render service shared by the files that render with its default settings. */
    renderUrl: string;
  }
}

let render: LocalRenderService | undefined;

/** The suites talk to real servers; scripts/test.sh starts them and exports where they are. */
export async function setup(project: TestProject) {
  for (const name of ["TEST_DATABASE_URL", "TEST_REDIS_URL"]) {
    if (!process.env[name]) {
      throw new Error(`${name} is not set. Run the suites through \`npm test\`, which starts PostgreSQL and Redis.`);
    }
  }
  // Started once for the whole run: warming a render service takes seconds, which every file would pay again.
  render = await startLocalRenderService({ BUILD123D_WORKERS: "4" });
  project.provide("renderUrl", render.url);
}

export async function teardown() {
  await render?.stop();
}
