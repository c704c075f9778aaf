import type { CreatedShare, CreateShareRequest, ModelFormat, Share, SharedVersion, ShareList } from "@chat3d/shared";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { addDays, type Clock } from "../lib/clock.js";
import { appLink } from "../lib/links.js";
import { generateToken, hashToken } from "../lib/tokens.js";
import type { ChatVersionRepository } from "../repositories/chat-version.repository.js";
import type { FileRepository, FileRow } from "../repositories/file.repository.js";
import type { ShareLookupRow, ShareRepository, ShareRow } from "../repositories/share.repository.js";
import type { User } from "../db/schema.js";
import { requireConfirmedEmail } from "./account-state.js";
import { toVersion } from "./chat-view.js";
import type { EventService } from "./event.service.js";

export interface ShareServiceDeps {
  db: Db;
  shares: ShareRepository;
  versions: ChatVersionRepository;
  files: FileRepository;
  events: EventService;
  clock: Clock;
  appBaseUrl: string;
}

/** The page a link opens; its secret follows in the fragment. */
export const SHARED_PAGE = "/shared";

const NOT_FOUND = "This link does not exist, was revoked or has expired.";

function statusOf(row: ShareRow, now: Date): Share["status"] {
  if (row.revoked_at) return "revoked";
  if (row.expires_at && row.expires_at <= now) return "expired";
  return "active";
}

export function toShare(row: ShareRow, now: Date): Share {
  return {
    id: row.id,
    version_id: row.version_id,
    chat_context_id: row.chat_context_id,
    chat_name: row.chat_name,
    version_number: row.version_number,
    include_code: row.include_code,
    formats: row.formats as ModelFormat[],
    status: statusOf(row, now),
    expires_at: row.expires_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}

/**
 * Read-only links to a version. The owner makes, lists and revokes them; anyone holding a link's secret sees
 * the version's model, the downloads the owner chose and, if chosen, its code, until it expires or is revoked.
 */
export class ShareService {
  constructor(private readonly deps: ShareServiceDeps) {}

  async create(owner: User, versionId: string, input: CreateShareRequest): Promise<CreatedShare> {
    const { db, shares, versions, events, clock, appBaseUrl } = this.deps;
    requireConfirmedEmail(owner, "share a model");
    const ownerId = owner.id;
    return db.transaction().execute(async (trx) => {
      const version = await versions.findOwned(versionId, ownerId, trx);
      if (!version) throw AppError.notFound("No such version.");
      const available = new Set(
        (await versions.filesOf(versionId, trx)).filter((f) => f.role === "model").map((f) => f.format),
      );
      const missing = input.formats.filter((f) => !available.has(f));
      if (missing.length) {
        throw AppError.validation({ formats: [`This version has no ${missing.join(", ").toUpperCase()} file.`] });
      }
      const { token, hash } = generateToken();
      const now = clock.now();
      const row = await shares.insert(
        {
          owner_id: ownerId,
          version_id: versionId,
          token_hash: hash,
          include_code: input.include_code,
          formats: input.formats,
          expires_at: input.expires_in_days ? addDays(now, input.expires_in_days) : null,
          created_at: now,
        },
        trx,
      );
      const share = toShare(row, now);
      await events.publish({ type: "share.updated", audience: { userId: ownerId }, payload: { share } }, trx);
      return { ...share, url: appLink(appBaseUrl, SHARED_PAGE, { token }) };
    });
  }

  async list(ownerId: string): Promise<ShareList> {
    const now = this.deps.clock.now();
    return { items: (await this.deps.shares.listOwned(ownerId)).map((row) => toShare(row, now)) };
  }

  /** From now on the link answers 404; the row stays so its owner sees it was revoked. */
  revoke(ownerId: string, id: string): Promise<Share> {
    const { db, shares, events, clock } = this.deps;
    return db.transaction().execute(async (trx) => {
      if (!(await shares.findOwned(id, ownerId, trx))) throw AppError.notFound("No such share.");
      const now = clock.now();
      await shares.revoke(id, now, trx);
      const share = toShare((await shares.findOwned(id, ownerId, trx))!, now);
      await events.publish({ type: "share.updated", audience: { userId: ownerId }, payload: { share } }, trx);
      return share;
    });
  }

  /** What the link shows. Unknown, revoked and expired links, and those of an inactive owner, are one 404. */
  async open(token: string): Promise<SharedVersion> {
    const share = await this.lookup(token);
    const { version, visible } = await this.shared(share);
    return {
      name: share.chat_name,
      number: version.number,
      kind: version.kind,
      created_at: version.created_at,
      metrics: version.metrics,
      parameters: version.parameters,
      code: share.include_code ? version.code : null,
      files: version.files.filter((f) => visible.has(f.file_id)),
      downloads: share.formats as ModelFormat[],
      expires_at: share.expires_at?.toISOString() ?? null,
      owner_display_name: share.owner_display_name,
      shared_at: share.created_at.toISOString(),
    };
  }

  /** One file of a shared version, if the link lets it be seen; any other file id is the same 404. */
  async file(token: string, fileId: string): Promise<FileRow> {
    const share = await this.lookup(token);
    const { visible } = await this.shared(share);
    const row = visible.has(fileId) ? await this.deps.files.findOwned(fileId, share.owner_id) : undefined;
    if (!row) throw AppError.notFound("No such file.");
    return row;
  }

  /** The shared version and the ids of the files its link lets be fetched. */
  private async shared(share: ShareRow) {
    const { versions } = this.deps;
    const row = (await versions.findOwned(share.version_id, share.owner_id))!;
    const version = toVersion(row, null, await versions.filesOf(share.version_id));
    return { version, visible: visibleFiles(share, version.files) };
  }

  private async lookup(token: string): Promise<ShareLookupRow> {
    const share = await this.deps.shares.findByTokenHash(hashToken(token));
    if (!share || statusOf(share, this.deps.clock.now()) !== "active" || share.owner_status !== "active") {
      throw AppError.notFound(NOT_FOUND);
    }
    return share;
  }
}

/** The viewer's model (GLB, or STL when there is none), the previews, the chosen downloads, the code if shared. */
function visibleFiles(share: ShareRow, files: SharedVersion["files"]): Set<string> {
  const hasGlb = files.some((f) => f.role === "model" && f.format === "glb");
  const visible = files.filter((f) => {
    if (f.role === "preview") return true;
    if (f.role === "code") return share.include_code;
    return share.formats.includes(f.format) || f.format === (hasGlb ? "glb" : "stl") || f.format === "svg";
  });
  return new Set(visible.map((f) => f.file_id));
}
