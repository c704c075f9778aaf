import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface StoredObject {
  bytes: number;
  sha256: string;
  /** The first bytes, for checking what the content really is. */
  head: Buffer;
}

/** Thrown by `write` when the source goes past `maxBytes`; nothing is left behind. */
export class StorageLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the object is larger than ${maxBytes} bytes`);
    this.name = "StorageLimitError";
  }
}

/** Thrown by `read` and `size` for a key that holds nothing, whichever driver is in use. */
export class StorageMissingError extends Error {
  constructor(readonly key: string) {
    super(`no stored object under ${key}`);
    this.name = "StorageMissingError";
  }
}

/**
 * Where file bytes live; the `files` table holds who owns them. Keys follow the plan's layout
 * (`modelcreator/…`, `upload/…`, `export/…`). Two drivers: the local filesystem (one host) and
 * S3-compatible object storage (several hosts), chosen by `STORAGE_DRIVER`.
 */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>;
  /** Streams `source` in, never holding it whole, hashing as it goes; over `maxBytes` it is discarded. */
  write(key: string, source: Readable, maxBytes: number): Promise<StoredObject>;
  /** The object's bytes, all of them or the inclusive byte range asked for; `size` is the whole object's. */
  read(key: string, range?: { start: number; end: number }): Promise<{ stream: Readable; size: number }>;
  size(key: string): Promise<number>;
  /** Removes the object; a key that holds nothing is not an error (deletion jobs retry). */
  delete(key: string): Promise<void>;
}

const KEY = /^(?:modelcreator|upload|export)\/[\w.-]{1,200}$/;
const HEAD_BYTES = 4096;

/** Keys follow the plan's layout; anything else (`..`, absolute paths) never reaches a driver. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes("..")) throw new Error(`invalid storage key: ${key}`);
  return key;
}

/** Counts, hashes and keeps the head of what flows through, and stops the flow past the limit. */
export function meter(maxBytes: number) {
  const hash = createHash("sha256");
  const head: Buffer[] = [];
  let bytes = 0;
  let headBytes = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new StorageLimitError(maxBytes));
      hash.update(chunk);
      if (headBytes < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
        headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
      }
      done(null, chunk);
    },
  });
  return {
    transform,
    exceeded: () => bytes > maxBytes,
    result: (): StoredObject => ({ bytes, sha256: hash.digest("hex"), head: Buffer.concat(head) }),
  };
}

export class LocalStorage implements Storage {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private resolve(key: string): string {
    return path.join(this.root, checkKey(key));
  }

  private async stat(key: string) {
    try {
      return await stat(this.resolve(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new StorageMissingError(key);
      throw err;
    }
  }

  private async temp(key: string) {
    const target = this.resolve(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename: a reader never sees half a file.
    return { target, temp: `${target}.${randomBytes(6).toString("hex")}.tmp` };
  }

  async put(key: string, data: Buffer): Promise<void> {
    const { target, temp } = await this.temp(key);
    await writeFile(temp, data);
    await rename(temp, target);
  }

  async write(key: string, source: Readable, maxBytes: number): Promise<StoredObject> {
    const { target, temp } = await this.temp(key);
    const metered = meter(maxBytes);
    try {
      await pipeline(source, metered.transform, createWriteStream(temp, { flags: "wx" }));
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    await rename(temp, target);
    return metered.result();
  }

  async read(key: string, range?: { start: number; end: number }) {
    const { size } = await this.stat(key);
    return { stream: createReadStream(this.resolve(key), range), size };
  }

  async size(key: string): Promise<number> {
    return (await this.stat(key)).size;
  }

  async delete(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }
}
