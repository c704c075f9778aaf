import { createReadStream, type ReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";

/** Where file bytes live; the `files` table holds who owns them. S3 can implement the same interface. */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>;
  read(key: string): Promise<{ stream: ReadStream; size: number }>;
  delete(key: string): Promise<void>;
}

const KEY = /^(?:modelcreator|upload)\/[\w.-]{1,200}$/;

export class LocalStorage implements Storage {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Keys follow the plan's layout; anything else (`..`, absolute paths) never reaches the filesystem. */
  private resolve(key: string): string {
    if (!KEY.test(key) || key.includes("..")) throw new Error(`invalid storage key: ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.resolve(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename: a reader never sees half a file.
    const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temp, data);
    await rename(temp, target);
  }

  async read(key: string) {
    const file = this.resolve(key);
    const { size } = await stat(file);
    return { stream: createReadStream(file), size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }
}
