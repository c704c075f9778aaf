import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Storage } from "../../src/lib/s3-storage.js";
import { LocalStorage, StorageLimitError, StorageMissingError, type Storage } from "../../src/lib/storage.js";
import { S3_KEYS, startS3Server, type S3Bucket, type S3Server } from "../helpers/s3-server.js";

// One contract, both drivers: what the API and the jobs rely on must hold on local disk and in S3 alike.

const MB = 2 ** 20;

/** `total` bytes of a repeatable pattern, produced chunk by chunk as an upload arrives. */
function source(total: number, seed = 7, chunk = 256 * 1024): { stream: Readable; bytes: Buffer } {
  const block = Buffer.alloc(chunk);
  for (let i = 0; i < chunk; i++) block[i] = (i * 31 + seed) & 0xff;
  const parts: Buffer[] = [];
  for (let sent = 0; sent < total; sent += chunk) parts.push(block.subarray(0, Math.min(chunk, total - sent)));
  return { stream: Readable.from(parts), bytes: Buffer.concat(parts) };
}

/** A stream that sends `before` bytes and then fails, as a browser's upload does when the tab closes. */
function broken(before: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.alloc(before, 1));
      } else this.destroy(new Error("the client went away"));
    },
  });
}

let s3: S3Server;
let bucket: S3Bucket;
const localRoot = mkdtempSync(path.join(tmpdir(), "chat3d-storage-"));
beforeAll(async () => {
  s3 = await startS3Server();
  bucket = await s3.bucket();
}, 180_000);
afterAll(async () => {
  await s3?.stop();
  rmSync(localRoot, { recursive: true, force: true });
});

const drivers: Array<[string, () => Storage]> = [
  ["local", () => new LocalStorage(localRoot)],
  [
    "s3",
    () =>
      new S3Storage({
        endpoint: s3.url,
        region: "us-east-1",
        bucket: bucket.name,
        credentials: S3_KEYS,
        forcePathStyle: true,
      }),
  ],
];

describe.each(drivers)("the %s storage driver", (driver, make) => {
  let storage: Storage;
  beforeAll(() => {
    storage = make();
  });
  const key = (area = "upload", ext = "bin") => `${area}/${randomBytes(8).toString("hex")}.${ext}`;

  it("when bytes are put, then they read back whole with their size", async () => {
    const k = key("modelcreator", "step");
    const data = Buffer.from("ISO-10303-21;\nEND-ISO-10303-21;\n");
    await storage.put(k, data);
    const { stream, size } = await storage.read(k);
    expect(await buffer(stream)).toEqual(data);
    expect(size).toBe(data.length);
    expect(await storage.size(k)).toBe(data.length);
  });

  it("when a 25 MB upload is streamed in, then its size, hash and head are measured on the way and it reads back the same", async () => {
    const k = key();
    const { stream, bytes } = source(25 * MB);
    const t0 = performance.now();
    const stored = await storage.write(k, stream, 50 * MB);
    const writeMs = performance.now() - t0;
    expect(stored.bytes).toBe(bytes.length);
    expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(stored.head).toEqual(bytes.subarray(0, 4096));

    const t1 = performance.now();
    const read = await storage.read(k);
    const back = await buffer(read.stream);
    const readMs = performance.now() - t1;
    expect(read.size).toBe(bytes.length);
    expect(back.equals(bytes)).toBe(true);
    console.info(
      JSON.stringify({
        driver,
        mb: 25,
        write_mb_s: +(25_000 / writeMs).toFixed(1),
        read_mb_s: +(25_000 / readMs).toFixed(1),
      }),
    );
  });

  it("when an inclusive range is read, then exactly those bytes come back and the size is the whole object's", async () => {
    const k = key();
    const { stream, bytes } = source(3 * MB, 11);
    await storage.write(k, stream, 10 * MB);
    const mid = await storage.read(k, { start: 1000, end: 1_500_999 });
    expect((await buffer(mid.stream)).equals(bytes.subarray(1000, 1_501_000))).toBe(true);
    expect(mid.size).toBe(bytes.length);
    const last = await storage.read(k, { start: bytes.length - 1, end: bytes.length - 1 });
    expect(await buffer(last.stream)).toEqual(bytes.subarray(-1));
  });

  it("when an upload goes past the limit mid-way, then it is refused and nothing of it is left", async () => {
    const k = key();
    // Past one multipart part, so the S3 driver has begun a multipart upload that it must abort.
    const error = await storage.write(k, source(12 * MB).stream, 10 * MB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageLimitError);
    expect((error as StorageLimitError).maxBytes).toBe(10 * MB);
    await expect(storage.size(k)).rejects.toBeInstanceOf(StorageMissingError);
    if (driver === "s3") expect(await bucket.pendingUploads()).toBe(0);
  });

  it("when the source fails mid-way, then the write fails and no half object is left", async () => {
    const k = key();
    await expect(storage.write(k, broken(9 * MB), 50 * MB)).rejects.toThrow(/went away/);
    await expect(storage.size(k)).rejects.toBeInstanceOf(StorageMissingError);
    if (driver === "s3") expect(await bucket.pendingUploads()).toBe(0);
  });

  it("when a key is written again (a job's retry), then the new bytes replace the old", async () => {
    const k = key("export", "zip");
    await storage.write(k, source(2 * MB, 1).stream, 10 * MB);
    const second = source(1 * MB, 2);
    await storage.write(k, second.stream, 10 * MB);
    expect((await buffer((await storage.read(k)).stream)).equals(second.bytes)).toBe(true);
  });

  it("when an object is deleted, then it is gone, and deleting it again is no error", async () => {
    const k = key();
    await storage.put(k, Buffer.from("bytes"));
    await storage.delete(k);
    await expect(storage.read(k)).rejects.toBeInstanceOf(StorageMissingError);
    await expect(storage.size(k)).rejects.toBeInstanceOf(StorageMissingError);
    await expect(storage.delete(k)).resolves.toBeUndefined();
  });

  it("when a key leaves the plan's layout, then no driver is asked", async () => {
    for (const bad of ["../etc/passwd", "/upload/x.bin", "upload/../../x", "other/x.bin", "upload/a/b.bin"]) {
      await expect(storage.put(bad, Buffer.from("x")), bad).rejects.toThrow(/invalid storage key/);
      await expect(storage.read(bad), bad).rejects.toThrow(/invalid storage key/);
    }
  });
});

describe("the s3 storage driver's objects", () => {
  it("when one host writes, then another host's driver on the same bucket reads and deletes it", async () => {
    const [a, b] = [drivers[1]![1](), drivers[1]![1]()];
    const k = `modelcreator/${randomBytes(8).toString("hex")}.glb`;
    await a.put(k, Buffer.from("glTF"));
    expect(await bucket.has(k)).toBe(true);
    expect((await buffer((await b.read(k)).stream)).toString()).toBe("glTF");
    await b.delete(k);
    expect(await bucket.has(k)).toBe(false);
  });
});
