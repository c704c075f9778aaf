// bench:storage — a file through the API and back, with files on local disk and in S3-compatible storage (the
// local moto server the tests use): upload, whole download and ranged reads, in MB/s and ms per driver.
// Prints one JSON object per line; the last line is the summary.
//   --mb N (default 25)  --rounds N (default 3)  --ranges N ranged reads per round (default 20)
//   --deadline-s N (default 300): fail with a message instead of hanging   --smoke: a tiny run for the test suite
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnS3Server } from "../test/s3-server.mjs";
import { args, benchDatabase, deadline, emit, percentile, seedPeople, startApi } from "./harness.mjs";

const opts = args(
  { mb: 25, rounds: 3, ranges: 20, "deadline-s": 300 },
  { mb: 2, rounds: 1, ranges: 3, "deadline-s": 120 },
);
const state = deadline("bench:storage", opts["deadline-s"]);
const MB = 2 ** 20;

/** A binary STL of about `mb` MB: the upload check accepts it because its length matches its facet count. */
function stl(mb) {
  const facets = Math.floor((mb * MB - 84) / 50);
  const bytes = Buffer.alloc(84 + 50 * facets);
  randomBytes(bytes.length - 84).copy(bytes, 84);
  bytes.writeUInt32LE(facets, 80);
  return bytes;
}

const s3 = await spawnS3Server();
state.children.push(s3.child);
const keys = { accessKeyId: "chat3d-bench", secretAccessKey: "chat3d-bench-secret" };
const bucket = `chat3d-bench-${randomBytes(4).toString("hex")}`;
const client = new S3Client({ endpoint: s3.url, region: "us-east-1", forcePathStyle: true, credentials: keys });
await client.send(new CreateBucketCommand({ Bucket: bucket }));
client.destroy();
const storageDir = mkdtempSync(path.join(tmpdir(), "chat3d-bench-storage-"));
const drivers = {
  local: { STORAGE_DRIVER: "local", STORAGE_DIR: storageDir },
  s3: {
    STORAGE_DRIVER: "s3",
    S3_ENDPOINT: s3.url,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: keys.accessKeyId,
    S3_SECRET_ACCESS_KEY: keys.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
  },
};

const file = stl(opts.mb);
const database = await benchDatabase();
const secret = randomBytes(32).toString("hex");
const [person] = await seedPeople(database.db, secret, 1);
const auth = { authorization: `Bearer ${person.token}` };
const summary = { summary: "bench:storage", mb: +(file.length / MB).toFixed(1), rounds: opts.rounds };

for (const [driver, env] of Object.entries(drivers)) {
  state.phase = `${driver}: starting the API`;
  const api = await startApi(state, {
    databaseUrl: database.url,
    secret,
    env: { UPLOAD_MAX_MB: String(opts.mb + 5), ...env },
  });
  const base = `http://127.0.0.1:${api.port}`;
  const uploads = [];
  const downloads = [];
  const ranges = [];
  for (let round = 0; round < opts.rounds; round++) {
    state.phase = `${driver}: upload ${round + 1}`;
    const form = new FormData();
    form.append("file", new Blob([file]), "bench.stl");
    let t0 = performance.now();
    const res = await fetch(`${base}/api/files`, { method: "POST", headers: auth, body: form });
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    const { file: stored } = await res.json();
    uploads.push(performance.now() - t0);

    state.phase = `${driver}: download ${round + 1}`;
    t0 = performance.now();
    const whole = Buffer.from(await (await fetch(`${base}/api/files/${stored.id}`, { headers: auth })).arrayBuffer());
    downloads.push(performance.now() - t0);
    if (!whole.equals(file)) throw new Error(`${driver}: the download differs from the upload`);

    state.phase = `${driver}: ranged reads ${round + 1}`;
    for (let i = 0; i < opts.ranges; i++) {
      const start = Math.floor(Math.random() * (file.length - MB));
      t0 = performance.now();
      const part = await fetch(`${base}/api/files/${stored.id}`, {
        headers: { ...auth, range: `bytes=${start}-${start + 65_535}` },
      });
      const got = Buffer.from(await part.arrayBuffer());
      ranges.push(performance.now() - t0);
      if (part.status !== 206 || !got.equals(file.subarray(start, start + 65_536))) {
        throw new Error(`${driver}: a ranged read answered ${part.status} with the wrong bytes`);
      }
    }
  }
  api.child.kill("SIGTERM");
  const mbPerS = (ms) => +(file.length / MB / (ms / 1000)).toFixed(1);
  const median = (list) =>
    percentile(
      [...list].sort((x, y) => x - y),
      0.5,
    );
  const line = {
    driver,
    upload_mb_s: mbPerS(median(uploads)),
    download_mb_s: mbPerS(median(downloads)),
    range_64k_p50_ms: median(ranges),
    range_64k_p99_ms: percentile(
      [...ranges].sort((x, y) => x - y),
      0.99,
    ),
  };
  emit(line);
  for (const [k, v] of Object.entries(line)) if (k !== "driver") summary[`${driver}_${k}`] = v;
}

state.phase = "teardown";
await s3.stop();
await database.drop();
rmSync(storageDir, { recursive: true, force: true });
emit(summary);
process.exit(0);
