import {
  applyParameters,
  parameterValues,
  type ChatItem,
  type ModelFormat,
  type RenderCodeRequestSchema,
  type RenderCodeResponse,
  type RenderUnchangedResponse,
  type Version,
  type VersionSource,
  type VersionSummary,
  VERSION_FILE_MEDIA_TYPES,
} from "@chat3d/shared";
import { createHash, randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { z } from "zod";
import type { Db } from "../db/database.js";
import type { DB } from "../db/generated.js";
import { AppError } from "../errors.js";
import type { Logger } from "../lib/logger.js";
import type { Storage } from "../lib/storage.js";
import type { ChatItemRepository } from "../repositories/chat-item.repository.js";
import type { ChatVersionRepository, VersionRow } from "../repositories/chat-version.repository.js";
import type { FileRepository } from "../repositories/file.repository.js";
import type { RenderRepository, RenderResult } from "../repositories/render.repository.js";
import type { ChatService } from "./chat.service.js";
import { summaryRow, toVersion, toVersionSummary } from "./chat-view.js";
import type { EventService } from "./event.service.js";

export interface VersionServiceDeps {
  db: Db;
  chats: ChatService;
  versions: ChatVersionRepository;
  items: ChatItemRepository;
  files: FileRepository;
  renderer: RenderRepository;
  storage: Storage;
  events: EventService;
  logger: Logger;
}

type RenderInput = z.output<typeof RenderCodeRequestSchema>;

export interface KeptRender {
  code: string;
  quality: RenderInput["quality"];
  source: VersionSource;
  parentVersionId?: string;
  result: RenderResult;
}

/** The AI query a kept version answers: claimed (still open, locked) before the version is written, completed with it. */
export interface Answering {
  claim(trx: Db): Promise<void>;
  complete(versionId: string, trx: Db): Promise<void>;
}

/** The timeline entry that shows a new version: a new one, or an existing AI answer (and its query). */
export interface Shown {
  text: string | null;
  answerItemId?: string;
  answering?: Answering;
}

interface Output {
  key: string;
  data: Buffer;
  sha256: string;
  contentType: string;
  link: Omit<Insertable<DB["version_files"]>, "version_id" | "file_id">;
  /** The file name downloads get, from the chat's name and the version number. */
  name: (base: string) => string;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "model";

/**
 * Model versions: every render (pasted code, a slider, an AI answer) and every restore makes a new,
 * immutable version with its files, and a timeline entry that shows it.
 */
export class VersionService {
  constructor(private readonly deps: VersionServiceDeps) {}

  async list(ownerId: string, contextId: string): Promise<VersionSummary[]> {
    await this.deps.chats.requireContext(ownerId, contextId);
    return (await this.deps.versions.listForContext(contextId)).map(toVersionSummary);
  }

  async get(ownerId: string, versionId: string): Promise<Version> {
    const row = await this.deps.versions.findOwned(versionId, ownerId);
    if (!row) throw AppError.notFound("No such version.");
    return this.view(row);
  }

  /**
   * Renders code (with `parameters` written into it first) and keeps the result as the chat's next version,
   * unless it is what the current version already is: then that version is the answer and nothing is kept.
   */
  async render(
    ownerId: string,
    contextId: string,
    input: RenderInput,
    signal?: AbortSignal,
  ): Promise<RenderCodeResponse | RenderUnchangedResponse> {
    const { chats, versions, renderer } = this.deps;
    const context = await chats.requireContext(ownerId, contextId);
    let code = input.code;
    if (input.parameters) {
      const applied = applyParameters(code, input.parameters);
      if (!applied.ok) {
        throw AppError.validation(
          Object.fromEntries(
            Object.entries(applied.problems).map(([name, problems]) => [`parameters.${name}`, problems]),
          ),
        );
      }
      code = applied.code;
    }
    if (input.parent_version_id) {
      const parent = await versions.findOwned(input.parent_version_id, ownerId);
      if (!parent || parent.chat_context_id !== contextId) throw AppError.notFound("No such version in this chat.");
    }
    const current = context.current_version_id ? await versions.findOwned(context.current_version_id, ownerId) : null;
    if (current && current.code === code && current.quality === input.quality)
      return { unchanged: true, version: await this.view(current) };
    const result = await renderer.render({ code, quality: input.quality, caller: ownerId, interactive: true }, signal);
    return this.keep(
      ownerId,
      contextId,
      { code, quality: input.quality, source: input.source, parentVersionId: input.parent_version_id, result },
      { text: null },
    );
  }

  /** Makes an old version current again by creating a new one that brings back its content and files. */
  restore(ownerId: string, contextId: string, versionId: string): Promise<RenderCodeResponse> {
    const { db, chats, versions } = this.deps;
    return db.transaction().execute(async (trx) => {
      const context = await chats.requireContext(ownerId, contextId, trx, { lock: true });
      const old = await versions.findOwned(versionId, ownerId, trx);
      if (!old || old.chat_context_id !== contextId) throw AppError.notFound("No such version in this chat.");
      const row = await versions.insert(
        {
          chat_context_id: contextId,
          owner_id: ownerId,
          number: await versions.nextNumber(contextId, trx),
          source: "restore",
          kind: old.kind,
          parent_version_id: context.current_version_id,
          restored_from_version_id: old.id,
          code: old.code,
          parameters: JSON.stringify(old.parameters),
          quality: old.quality,
          metrics: JSON.stringify(old.metrics),
          timings: JSON.stringify(old.timings),
          warnings: JSON.stringify(old.warnings),
          log: old.log,
        },
        trx,
      );
      const links = (await versions.filesOf(old.id, trx)).map(({ file_id, role, format, view, width, height }) => ({
        version_id: row.id,
        file_id,
        role,
        format,
        view,
        width,
        height,
      }));
      await versions.linkFiles(links, trx);
      return this.announce(ownerId, row, { text: `Restored version ${old.number}.` }, trx);
    });
  }

  /**
   * Keeps a rendered result as the chat's next version. `show` says which timeline entry shows it: a new one,
   * or the AI answer that asked for it (which becomes the model entry, with the answer's words).
   */
  async keep(ownerId: string, contextId: string, render: KeptRender, show: Shown): Promise<RenderCodeResponse> {
    const { code, quality, source, parentVersionId, result } = render;
    const { db, chats, versions, files, storage, logger } = this.deps;
    const versionId = randomUUID();
    const outputs = this.outputs(versionId, code, result);
    for (const output of outputs) await storage.put(output.key, output.data);
    try {
      return await db.transaction().execute(async (trx) => {
        const context = await chats.requireContext(ownerId, contextId, trx, { lock: true });
        await show.answering?.claim(trx);
        const number = await versions.nextNumber(contextId, trx);
        const row = await versions.insert(
          {
            id: versionId,
            chat_context_id: contextId,
            owner_id: ownerId,
            number,
            source,
            kind: result.kind,
            parent_version_id: parentVersionId ?? context.current_version_id,
            code,
            parameters: JSON.stringify(parameterValues(code)),
            quality,
            metrics: JSON.stringify(result.metrics),
            timings: JSON.stringify(result.timings),
            warnings: JSON.stringify(result.warnings),
            log: result.log,
          },
          trx,
        );
        const base = `${slug(context.name)}-v${number}`;
        const stored = await files.insertMany(
          outputs.map((o) => ({
            owner_id: ownerId,
            chat_context_id: contextId,
            key: o.key,
            name: o.name(base),
            size_bytes: o.data.length,
            sha256: o.sha256,
            content_type: o.contentType,
          })),
          trx,
        );
        await versions.linkFiles(
          outputs.map((o, i) => ({ version_id: versionId, file_id: stored[i]!.id, ...o.link })),
          trx,
        );
        const kept = await this.announce(ownerId, row, show, trx);
        await show.answering?.complete(versionId, trx);
        return kept;
      });
    } catch (err) {
      // The version was not kept: neither are its bytes.
      await Promise.all(outputs.map((o) => storage.delete(o.key))).catch((e: Error) =>
        logger.warn({ err: e.message, versionId }, "could not remove the files of a version that was not kept"),
      );
      throw err;
    }
  }

  private outputs(versionId: string, code: string, result: RenderResult): Output[] {
    const source = Buffer.from(code, "utf8");
    const outputs: Output[] = [
      {
        key: `modelcreator/${versionId}.b123d`,
        data: source,
        sha256: createHash("sha256").update(source).digest("hex"),
        contentType: VERSION_FILE_MEDIA_TYPES.b123d,
        link: { role: "code", format: "b123d" },
        name: (base) => `${base}.b123d`,
      },
    ];
    for (const [format, file] of Object.entries(result.files) as Array<
      [ModelFormat, RenderResult["files"][ModelFormat]]
    >) {
      if (!file) continue;
      outputs.push({
        key: `modelcreator/${versionId}.${format}`,
        data: file.data,
        sha256: file.sha256,
        contentType: VERSION_FILE_MEDIA_TYPES[format],
        link: { role: "model", format },
        name: (base) => `${base}.${format}`,
      });
    }
    for (const [view, preview] of Object.entries(result.previews)) {
      if (!preview) continue;
      outputs.push({
        key: `modelcreator/${versionId}-${view}.png`,
        data: preview.data,
        sha256: preview.sha256,
        contentType: VERSION_FILE_MEDIA_TYPES.png,
        link: { role: "preview", format: "png", view, width: preview.width, height: preview.height },
        name: (base) => `${base}-${view}.png`,
      });
    }
    return outputs;
  }

  /** Makes the version current, adds its timeline entry and tells the owner's tabs. Called in its transaction. */
  private async announce(ownerId: string, row: VersionRow, show: Shown, trx: Db): Promise<RenderCodeResponse> {
    const { chats, items, events } = this.deps;
    const content = JSON.stringify({ text: show.text });
    const item = show.answerItemId
      ? await items.update(
          show.answerItemId,
          { item_type: "3dmodel", version_id: row.id, state: "complete", content },
          trx,
        )
      : await items.insert(
          {
            chat_context_id: row.chat_context_id,
            owner_id: ownerId,
            role: "assistant",
            item_type: "3dmodel",
            version_id: row.id,
            content,
          },
          trx,
        );
    await chats.makeCurrent(row.chat_context_id, row.id, trx);
    const version = await this.view(row, trx);
    await events.publish(
      {
        type: "chat.version.created",
        audience: { userId: ownerId },
        payload: {
          chat_context_id: row.chat_context_id,
          version: toVersionSummary(summaryRow(row, version.thumbnail_file_id)),
        },
      },
      trx,
    );
    const view: ChatItem = await chats.recordItem(ownerId, item, trx);
    return { version, item: view };
  }

  private async view(row: VersionRow, db: Db = this.deps.db): Promise<Version> {
    const files = await this.deps.versions.filesOf(row.id, db);
    const thumbnail = files.find((f) => f.role === "preview" && f.view === "iso")?.file_id ?? null;
    return toVersion(row, thumbnail, files);
  }
}
