import { UPLOAD_TYPES, type StoredFile } from "@chat3d/shared";
import { createHash, randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import type { JobQueue } from "../jobs/queue.js";
import { contentMatches, uploadExtension } from "../lib/file-types.js";
import { stripImageMetadata } from "../lib/image-metadata.js";
import type { Storage } from "../lib/storage.js";
import type { FileRepository, FileRow } from "../repositories/file.repository.js";

export interface FileServiceDeps {
  db: Db;
  files: FileRepository;
  storage: Storage;
  jobs: JobQueue;
  maxUploadBytes: number;
}

export function toFileView(row: FileRow): StoredFile {
  return {
    id: row.id,
    name: row.name ?? row.key.split("/").pop()!,
    content_type: row.content_type,
    bytes: Number(row.size_bytes),
    sha256: row.sha256,
    area: row.key.startsWith("upload/") ? "upload" : "model",
    created_at: row.created_at.toISOString(),
  };
}

/** Keeps a file name printable and short; the original stays recognisable in downloads. */
function cleanName(name: string): string {
  const flat = name.replace(/[\p{Cc}\\/]+/gu, "_").trim();
  return (flat || "upload").slice(-200);
}

const unsupported = (message: string) => new AppError(415, "unsupported_media_type", message);

/** Uploads and downloads, by id. Only the owner ever sees a file; anyone else gets the same 404. */
export class FileService {
  constructor(private readonly deps: FileServiceDeps) {}

  get maxUploadBytes() {
    return this.deps.maxUploadBytes;
  }

  /** Streams the upload to storage (never whole in memory), then checks its bytes against its extension. */
  async upload(ownerId: string, filename: string, stream: Readable): Promise<StoredFile> {
    const { storage, files, maxUploadBytes } = this.deps;
    const ext = uploadExtension(filename);
    if (!ext) {
      stream.resume();
      throw unsupported(`This kind of file cannot be uploaded. Use one of: ${Object.keys(UPLOAD_TYPES).join(", ")}.`);
    }
    const id = randomUUID();
    const key = `upload/${id}.${ext}`;
    const stored = await storage.write(key, stream, maxUploadBytes);
    if (!contentMatches(ext, stored.head, stored.bytes)) {
      await storage.delete(key);
      throw unsupported(`The file's content is not ${ext.toUpperCase()}, as its name says.`);
    }
    const contentType = UPLOAD_TYPES[ext];
    try {
      const { bytes, sha256 } = contentType.startsWith("image/")
        ? await this.withoutMetadata(key, contentType)
        : stored;
      const row = await files.insert({
        id,
        owner_id: ownerId,
        key,
        name: cleanName(filename),
        size_bytes: bytes,
        sha256,
        content_type: contentType,
      });
      return toFileView(row);
    } catch (err) {
      await storage.delete(key);
      throw err;
    }
  }

  /** A photo's location and camera never reach storage's readers (or a model): its metadata goes on arrival. */
  private async withoutMetadata(key: string, contentType: string) {
    const { storage } = this.deps;
    const original = await buffer((await storage.read(key)).stream);
    const stripped = stripImageMetadata(original, contentType);
    if (!stripped.equals(original)) await storage.put(key, stripped);
    return { bytes: stripped.length, sha256: createHash("sha256").update(stripped).digest("hex") };
  }

  async describe(ownerId: string, id: string): Promise<FileRow> {
    const row = await this.deps.files.findOwned(id, ownerId);
    if (!row) throw AppError.notFound("No such file.");
    return row;
  }

  /** The bytes of one of the owner's files, whole or the inclusive range asked for. */
  open(row: FileRow, range?: { start: number; end: number }) {
    return this.deps.storage.read(row.key, range);
  }

  /** Uploads can be deleted; a version's files are part of that immutable version. */
  async remove(ownerId: string, id: string): Promise<void> {
    const { db, files, jobs } = this.deps;
    await db.transaction().execute(async (trx) => {
      const row = await files.findOwned(id, ownerId, trx);
      if (!row) throw AppError.notFound("No such file.");
      if (await files.inVersion(id, trx)) {
        throw AppError.conflict("This file belongs to a model version, which never changes.", "file_in_version");
      }
      await files.delete(id, trx);
      await jobs.enqueue("storage.delete", { keys: [row.key] }, { trx });
    });
  }
}
