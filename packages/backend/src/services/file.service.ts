import { AppError } from "../errors.js";
import type { Storage } from "../lib/storage.js";
import type { FileRepository } from "../repositories/file.repository.js";

/** Downloads: only the owner sees a file; anyone else gets the same 404 as for a missing one. */
export class FileService {
  constructor(
    private readonly files: FileRepository,
    private readonly storage: Storage,
  ) {}

  async open(ownerId: string, key: string) {
    const record = await this.files.findOwned(key, ownerId);
    if (!record) throw AppError.notFound("No such file.");
    const { stream, size } = await this.storage.read(key);
    return { stream, size, sha256: record.sha256, contentType: record.content_type, name: key.split("/").pop()! };
  }
}
