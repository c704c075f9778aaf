import { ConfigError, loadConfig } from "./config.js";
import { createContainer } from "./container.js";
import { createLogger } from "./lib/logger.js";

/** The job runner as its own process (compose `worker`); `npm start` runs the same handlers inside the API. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL).child({ service: "chat3d-worker" });
  const container = await createContainer({ ...config, RUN_WORKER: true }, logger);
  await container.startWorker();

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    logger.info("worker stopping: finishing the jobs in hand");
    await container.close();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

await main();
