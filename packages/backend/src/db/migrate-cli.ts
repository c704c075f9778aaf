import { ConfigError, loadConfig } from "../config.js";
import { createDatabase } from "./database.js";
import { migrateToLatest } from "./migrator.js";

try {
  const config = loadConfig();
  const db = createDatabase(config.DATABASE_URL, 1);
  try {
    const applied = await migrateToLatest(db);
    process.stdout.write(applied.length ? `Applied: ${applied.join(", ")}\n` : "The schema is up to date.\n");
  } finally {
    await db.destroy();
  }
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(1);
}
