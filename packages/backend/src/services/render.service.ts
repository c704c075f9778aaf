import { createHash } from "node:crypto";
import type { Db } from "../db/database.js";
import type { Storage } from "../lib/storage.js";
import type { FileRepository } from "../repositories/file.repository.js";
import type { RenderFormat, RenderRepository, RenderResult } from "../repositories/render.repository.js";

export const CONTENT_TYPES: Record<RenderFormat | "b123d", string> = {
  step: "model/step",
  stl: "model/stl",
  "3mf": "model/3mf",
  glb: "model/gltf-binary",
  b123d: "text/x-python",
};

export interface StoredModel {
  files: Array<{ format: RenderFormat | "b123d"; key: string; bytes: number; sha256: string }>;
  metrics: RenderResult["metrics"];
  timings: RenderResult["timings"];
}

const ALL_FORMATS: RenderFormat[] = ["step", "stl", "3mf", "glb"];

export interface RenderServiceDeps {
  db: Db;
  renderer: RenderRepository;
  storage: Storage;
  files: FileRepository;
}

/**
 * Renders a message's build123d code and keeps every output under `modelcreator/{messageId}.*`, the code
 * itself as `.b123d`. Script failures surface as RenderScriptError, service failures as RenderUnavailableError.
 */
export class RenderService {
  constructor(private readonly deps: RenderServiceDeps) {}

  async renderMessage(ownerId: string, messageId: string, code: string): Promise<StoredModel> {
    const result = await this.deps.renderer.render(code, ALL_FORMATS);
    const outputs: Array<{ format: RenderFormat | "b123d"; data: Buffer; sha256: string }> = [
      { format: "b123d", data: Buffer.from(code, "utf8"), sha256: createHash("sha256").update(code).digest("hex") },
    ];
    for (const format of ALL_FORMATS) {
      const file = result.files[format];
      if (!file) continue;
      const data = Buffer.from(file.base64, "base64");
      const sha256 = createHash("sha256").update(data).digest("hex");
      // The service's checksum guards against a truncated or corrupted transfer.
      if (sha256 !== file.sha256) throw new Error(`render output ${format} failed its checksum`);
      outputs.push({ format, data, sha256 });
    }

    const stored: StoredModel["files"] = [];
    for (const { format, data, sha256 } of outputs) {
      const key = `modelcreator/${messageId}.${format}`;
      await this.deps.storage.put(key, data);
      stored.push({ format, key, bytes: data.length, sha256 });
    }
    await this.deps.db.transaction().execute(async (trx) => {
      for (const file of stored) {
        await this.deps.files.upsert(
          { ownerId, key: file.key, size: file.bytes, sha256: file.sha256, contentType: CONTENT_TYPES[file.format] },
          trx,
        );
      }
    });
    return { files: stored, metrics: result.metrics, timings: result.timings };
  }
}
