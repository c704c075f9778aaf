import type { DataExport } from "@chat3d/shared";
import type { Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { Db } from "../db/database.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { JobQueue } from "../jobs/queue.js";
import { addDays, type Clock } from "../lib/clock.js";
import { appLink } from "../lib/links.js";
import type { Logger } from "../lib/logger.js";
import type { Storage, StoredObject } from "../lib/storage.js";
import type { ChatContextRepository } from "../repositories/chat-context.repository.js";
import type { ChatItemRepository } from "../repositories/chat-item.repository.js";
import type { ChatVersionRepository } from "../repositories/chat-version.repository.js";
import type { DataExportRepository, DataExportRow } from "../repositories/data-export.repository.js";
import type { FileRepository } from "../repositories/file.repository.js";
import type { InvitationRepository } from "../repositories/invitation.repository.js";
import type { NotificationRepository } from "../repositories/notification.repository.js";
import type { UserRepository } from "../repositories/user.repository.js";
import type { Mailer } from "./mailer.js";
import type { NotificationService } from "./notification.service.js";
import { toUserView } from "./user-view.js";

/** How long a finished archive can be downloaded before the hourly prune deletes it. */
export const EXPORT_TTL_DAYS = 7;
const MAX_ARCHIVE_BYTES = 20 * 2 ** 30;

export const exportKey = (id: string) => `export/${id}.zip`;

export interface DataExportDeps {
  db: Db;
  exports: DataExportRepository;
  users: UserRepository;
  contexts: ChatContextRepository;
  items: ChatItemRepository;
  versions: ChatVersionRepository;
  files: FileRepository;
  invitations: InvitationRepository;
  notificationRows: NotificationRepository;
  notifications: NotificationService;
  storage: Storage;
  jobs: JobQueue;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  appBaseUrl: string;
}

function toView(row: DataExportRow): DataExport {
  return {
    id: row.id,
    status: row.status,
    bytes: row.size_bytes === null ? null : Number(row.size_bytes),
    created_at: row.created_at.toISOString(),
    completed_at: row.completed_at?.toISOString() ?? null,
    expires_at: row.expires_at.toISOString(),
  };
}

/** A name that is safe as one part of a path in the archive: no separators, no dot-dot, printable. */
function safeName(name: string, fallback: string): string {
  const flat = name
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}._ -]+/gu, "_")
    .replace(/^[.\s]+/, "")
    .trim()
    .slice(0, 100);
  return flat || fallback;
}

const slug = (name: string) =>
  name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "chat";

const pad = (n: number, width = 3) => String(n).padStart(width, "0");
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

/** Names unique within one folder of the archive: a second `part.stl` becomes `part-2.stl`. */
function uniqueNames() {
  const used = new Set<string>();
  return (name: string) => {
    let candidate = name;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) {
      const dot = name.lastIndexOf(".");
      candidate = dot > 0 ? `${name.slice(0, dot)}-${i}${name.slice(dot)}` : `${name}-${i}`;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  };
}

const README = (user: User, generatedAt: Date, missing: string[]) =>
  `Chat3D data export
==================

Account: ${user.email}
Generated: ${generatedAt.toISOString()}

Every file below is plain JSON, Python or the model files Chat3D made; nothing needs Chat3D to open.

profile.json              your account: email, name, role, status, when it was created
chats/NNN-name/           one folder per chat, oldest chat first
  chat.json               the chat: its id, name, dates, and the number of its current version
  messages.json           every entry of the chat's timeline in order: your messages, the answers,
                          errors and model results ("version_number" names the version it showed)
  versions/vNNN/          one folder per model version, in the order they were made
    version.json          how it was made (source, parent, parameters, quality), its metrics, timings,
                          warnings, the render log and the list of its files
    code.py               the build123d code of the version
    files/                its files: the models (STEP, STL, 3MF, GLB), the code file, preview images
uploads/                  files you uploaded that belong to no version; uploads.json lists them
invitations.json          the invitations you sent and what became of them
notifications.json        every notification of your account
${missing.length ? `\nThese stored files could not be read and are not in the archive:\n${missing.map((m) => `  ${m}\n`).join("")}` : ""}`;

/**
 * Data exports: confirmed by email, built by a job into one zip streamed to storage (never whole in
 * memory), downloadable only by the signed-in owner until it expires, then deleted.
 */
export class DataExportService {
  constructor(private readonly deps: DataExportDeps) {}

  /** In the confirming transaction: the row and the job that builds it commit together. */
  async start(userId: string, trx: Db): Promise<void> {
    const row = await this.deps.exports.create(userId, addDays(this.deps.clock.now(), EXPORT_TTL_DAYS), trx);
    await this.deps.jobs.enqueue("account.export.build", { export_id: row.id }, { trx });
  }

  async list(userId: string): Promise<DataExport[]> {
    return (await this.deps.exports.listLive(userId, this.deps.clock.now())).map(toView);
  }

  /** The owner's finished archive; another person's, an expired or an unknown one is the same 404. */
  async open(userId: string, id: string): Promise<{ stream: Readable; size: number; row: DataExportRow }> {
    const row = await this.deps.exports.findOwned(id, userId);
    if (!row || row.expires_at <= this.deps.clock.now()) throw AppError.notFound("No such export.");
    if (row.status !== "ready") {
      throw AppError.conflict(
        row.status === "failed" ? "This export failed. Ask for a new one." : "This export is still being built.",
        "export_not_ready",
      );
    }
    const { stream, size } = await this.deps.storage.read(row.storage_key!);
    return { stream, size, row };
  }

  /**
   * The job: builds the archive and marks it ready, then emails the owner. A retry builds it again from
   * the start (the key is the same, so a half-written try is replaced); an export removed meanwhile is
   * left alone.
   */
  async build(exportId: string, opts: { lastAttempt: boolean }): Promise<void> {
    const { exports, users, storage, clock, logger } = this.deps;
    const row = await exports.findById(exportId);
    if (row?.status !== "building") return;
    const user = await users.findById(row.user_id);
    if (!user || user.deleted_at) return;
    const key = exportKey(exportId);
    const started = performance.now();
    let stored: StoredObject;
    try {
      stored = await this.writeArchive(user, key);
    } catch (err) {
      if (opts.lastAttempt) await exports.markFailed(exportId, clock.now());
      throw err;
    }
    const ready = await this.deps.db.transaction().execute(async (trx) => {
      const marked = await exports.markReady(
        exportId,
        { key, bytes: stored.bytes, sha256: stored.sha256 },
        clock.now(),
      );
      if (!marked) return undefined;
      const link = appLink(this.deps.appBaseUrl, "/profile/data");
      await this.deps.mailer.send(
        "data_export_ready",
        user.email,
        { link, expires_on: marked.expires_at.toISOString().slice(0, 10) },
        `data_export_ready:${exportId}`,
        trx,
      );
      await this.deps.notifications.notify(
        user.id,
        "account.data_export_ready",
        { title: "Your data export is ready", body: "Download it from your profile.", link: "/profile/data" },
        trx,
      );
      return marked;
    });
    if (!ready) await storage.delete(key);
    logger.info(
      { exportId, bytes: stored.bytes, ms: Math.round(performance.now() - started) },
      ready ? "data export built" : "data export built for an export that is gone; discarded",
    );
  }

  /** The hourly cron: expired archives go, rows and bytes (the bytes by a job queued with the deletion). */
  async prune(): Promise<number> {
    const { db, exports, jobs, clock, logger } = this.deps;
    const ids = await db.transaction().execute(async (trx) => {
      const removed = await exports.deleteExpired(clock.now(), trx);
      if (removed.length) await jobs.enqueue("storage.delete", { keys: removed.map(exportKey) }, { trx });
      return removed;
    });
    if (ids.length) logger.info({ removed: ids.length }, "expired data exports removed");
    return ids.length;
  }

  private async writeArchive(user: User, key: string): Promise<StoredObject> {
    const zip = new ZipFile();
    const written = this.deps.storage.write(key, zip.outputStream as Readable, MAX_ARCHIVE_BYTES);
    // Both sides can fail; the writer's failure is reported through the fill's, never left unhandled.
    written.catch(() => undefined);
    try {
      await this.fill(zip, user);
      zip.end();
    } catch (err) {
      (zip.outputStream as Readable).destroy(err as Error);
      await written.catch(() => undefined);
      throw err;
    }
    return written;
  }

  private async fill(zip: ZipFile, user: User): Promise<void> {
    const { contexts, items, versions, files, invitations, notificationRows, storage, clock } = this.deps;
    const now = clock.now();
    const missing: string[] = [];
    const mtime = now;
    const addStored = async (storageKey: string, path: string) => {
      const size = await storage.size(storageKey).catch(() => null);
      if (size === null) {
        missing.push(path);
        return;
      }
      zip.addReadStreamLazy(path, { mtime, size }, (cb) => {
        storage.read(storageKey).then(
          ({ stream }) => cb(null, stream),
          (err: unknown) => cb(err, undefined as never),
        );
      });
    };

    zip.addBuffer(json(toUserView(user)), "profile.json", { mtime });

    const chats = await contexts.allOfOwner(user.id);
    for (const [index, chat] of chats.entries()) {
      const dir = `chats/${pad(index + 1)}-${slug(chat.name)}`;
      const chatVersions = await versions.allOfContext(chat.id);
      const numberOf = new Map(chatVersions.map((v) => [v.id, v.number]));
      const at = (id: string | null) => (id ? (numberOf.get(id) ?? null) : null);
      zip.addBuffer(
        json({
          id: chat.id,
          name: chat.name,
          created_at: chat.created_at.toISOString(),
          updated_at: chat.updated_at.toISOString(),
          last_activity_at: chat.last_activity_at.toISOString(),
          current_version_number: at(chat.current_version_id),
        }),
        `${dir}/chat.json`,
        { mtime },
      );
      const timeline = await items.allOfContext(chat.id);
      zip.addBuffer(
        json(
          timeline.map((item) => ({
            id: item.id,
            seq: Number(item.seq),
            role: item.role,
            type: item.item_type,
            state: item.state,
            content: item.content,
            rating: item.rating,
            version_number: at(item.version_id),
            created_at: item.created_at.toISOString(),
            updated_at: item.updated_at.toISOString(),
          })),
        ),
        `${dir}/messages.json`,
        { mtime },
      );
      for (const version of chatVersions) {
        const vdir = `${dir}/versions/v${pad(version.number)}`;
        const name = uniqueNames();
        const versionFiles = (await versions.filesOf(version.id)).map((f) => ({
          ...f,
          archived: `files/${name(safeName(f.name ?? f.key.split("/").pop()!, `${f.role}.${f.format}`))}`,
        }));
        zip.addBuffer(
          json({
            id: version.id,
            number: version.number,
            source: version.source,
            kind: version.kind,
            parent_version_number: at(version.parent_version_id),
            restored_from_version_number: at(version.restored_from_version_id),
            parameters: version.parameters,
            quality: version.quality,
            metrics: version.metrics,
            timings: version.timings,
            warnings: version.warnings,
            log: version.log,
            created_at: version.created_at.toISOString(),
            files: versionFiles.map((f) => ({
              role: f.role,
              format: f.format,
              view: f.view,
              path: f.archived,
              bytes: Number(f.bytes),
            })),
          }),
          `${vdir}/version.json`,
          { mtime },
        );
        zip.addBuffer(Buffer.from(version.code), `${vdir}/code.py`, { mtime });
        for (const f of versionFiles) await addStored(f.key, `${vdir}/${f.archived}`);
      }
    }

    const uploads = await files.uploadsOf(user.id);
    const uploadName = uniqueNames();
    const listed = [];
    for (const upload of uploads) {
      const path = `uploads/${uploadName(safeName(upload.name ?? upload.key.split("/").pop()!, "upload"))}`;
      listed.push({
        id: upload.id,
        path,
        content_type: upload.content_type,
        bytes: Number(upload.size_bytes),
        sha256: upload.sha256,
        created_at: upload.created_at.toISOString(),
      });
      await addStored(upload.key, path);
    }
    zip.addBuffer(json(listed), "uploads/uploads.json", { mtime });

    zip.addBuffer(
      json(
        (await invitations.listByInviter(user.id)).map((i) => ({
          id: i.id,
          invitee_email: i.invitee_email,
          status: i.status,
          created_at: i.created_at.toISOString(),
          updated_at: i.updated_at.toISOString(),
        })),
      ),
      "invitations.json",
      { mtime },
    );
    zip.addBuffer(
      json(
        (await notificationRows.allOf(user.id)).map((n) => ({
          id: n.id,
          type: n.event_type,
          payload: n.payload,
          read_at: n.read_at?.toISOString() ?? null,
          created_at: n.created_at.toISOString(),
        })),
      ),
      "notifications.json",
      { mtime },
    );
    zip.addBuffer(Buffer.from(README(user, now, missing)), "README.txt", { mtime });
  }
}
