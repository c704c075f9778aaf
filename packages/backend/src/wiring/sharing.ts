import { ShareRepository } from "../repositories/share.repository.js";
import { ShareService } from "../services/share.service.js";
import type { ChatDomain } from "./chat.js";
import type { FilesDomain } from "./files.js";
import type { Platform } from "./platform.js";

export function wireSharing(platform: Platform, files: FilesDomain, chat: ChatDomain) {
  const { db, events, clock, config } = platform;
  return {
    shares: new ShareService({
      db,
      shares: new ShareRepository(db),
      versions: chat.versionRows,
      files: files.rows,
      events,
      clock,
      appBaseUrl: config.APP_BASE_URL,
    }),
  };
}
