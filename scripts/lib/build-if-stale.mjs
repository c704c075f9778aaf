// Builds the TypeScript packages (incremental) and the web UI when its sources changed since the last build.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

run("npx", ["tsc", "-b", "packages/backend"]);

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

const hash = createHash("sha256");
for (const dir of ["packages/frontend", "packages/shared/src"]) {
  for (const file of files(path.join(root, dir))) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${path.relative(root, file)}:${size}:${mtimeMs}\n`);
  }
}
hash.update(readFileSync(path.join(root, "package-lock.json")));
const digest = hash.digest("hex");
const stampFile = path.join(root, "packages/frontend/dist/.build-stamp");
if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== digest) {
  console.error("Building the web UI…");
  run("npm", ["run", "build", "-w", "@chat3d/frontend", "--silent"]);
  writeFileSync(stampFile, digest);
}
