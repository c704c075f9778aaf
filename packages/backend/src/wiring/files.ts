import { FileRepository } from "../repositories/file.repository.js";
import { FileService } from "../services/file.service.js";
import type { Platform } from "./platform.js";

export function wireFiles(platform: Platform) {
  const { db, storage, jobs, config } = platform;
  const rows = new FileRepository(db);
  return {
    rows,
    service: new FileService({ db, files: rows, storage, jobs, maxUploadBytes: config.UPLOAD_MAX_MB * 2 ** 20 }),
  };
}
export type FilesDomain = ReturnType<typeof wireFiles>;
