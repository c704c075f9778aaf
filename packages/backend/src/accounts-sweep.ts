import { pathToFileURL } from "node:url";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createContainer, type ContainerOptions } from "./container.js";
import { migrateToLatest } from "./db/migrator.js";
import { createLogger } from "./lib/logger.js";

/**
 * `npm run accounts:sweep`: the daily deletion sweep, once, now. Safe beside running workers (each account
 * is claimed with SKIP LOCKED); the file bytes go through the queued `storage.delete` jobs a worker runs.
 */
export async function sweepAccounts(config: Config, options: ContainerOptions = {}): Promise<{ anonymised: number }> {
  const logger = createLogger(config.LOG_LEVEL).child({ service: "chat3d-accounts-sweep" });
  const container = await createContainer({ ...config, RUN_WORKER: false }, logger, options);
  try {
    await migrateToLatest(container.db);
    return await container.services.accountSweep.run();
  } finally {
    await container.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { anonymised } = await sweepAccounts(loadConfig());
    process.stdout.write(`Accounts past their deletion window anonymised: ${anonymised}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
    process.exit(1);
  }
}
