import {
  DesignBriefSchema,
  FaceReferencesSchema,
  MessageAttachmentSchema,
  ModelMetricsSchema,
  QueryAttemptSchema,
  QueryStepSchema,
  ParameterValuesSchema,
  type ChatContext,
  type ChatItem,
  type QueryStatus,
  type Version,
  type VersionFile,
  type VersionSummary,
  VersionSummarySchema,
} from "@chat3d/shared";
import type { ChatContextRow } from "../repositories/chat-context.repository.js";
import type { ChatItemRow } from "../repositories/chat-item.repository.js";
import type { QueryRow } from "../repositories/chat-query.repository.js";
import type { VersionFileRow, VersionRow, VersionSummaryRow } from "../repositories/chat-version.repository.js";

// Rows to the shapes the API answers with: one place per resource, so every route and event agrees.

const SizeSchema = VersionSummarySchema.shape.size.unwrap();

/** A full row as a summary row: its extents come from the stored metrics. */
export function summaryRow(row: VersionRow, thumbnailFileId: string | null): VersionSummaryRow {
  const metrics = row.metrics as { bounding_box?: { size?: unknown } } | null;
  return { ...row, thumbnail_file_id: thumbnailFileId, size: metrics?.bounding_box?.size };
}

export function toVersionSummary(row: VersionSummaryRow): VersionSummary {
  return {
    id: row.id,
    chat_context_id: row.chat_context_id,
    number: row.number,
    source: row.source,
    kind: row.kind,
    parent_version_id: row.parent_version_id,
    restored_from_version_id: row.restored_from_version_id,
    thumbnail_file_id: row.thumbnail_file_id,
    size: SizeSchema.safeParse(row.size).data ?? null,
    created_at: row.created_at.toISOString(),
  };
}

function toVersionFile(row: VersionFileRow): VersionFile {
  const bytes = Number(row.bytes);
  const name = row.name ?? row.key.split("/").pop()!;
  if (row.role === "preview") {
    return {
      role: "preview",
      view: row.view as Extract<VersionFile, { role: "preview" }>["view"],
      file_id: row.file_id,
      bytes,
      width: row.width ?? 0,
      height: row.height ?? 0,
    };
  }
  if (row.role === "code") return { role: "code", format: "b123d", file_id: row.file_id, bytes, name };
  return {
    role: "model",
    format: row.format as Extract<VersionFile, { role: "model" }>["format"],
    file_id: row.file_id,
    bytes,
    name,
  };
}

export function toVersion(row: VersionRow, thumbnailFileId: string | null, files: VersionFileRow[]): Version {
  return {
    ...toVersionSummary(summaryRow(row, thumbnailFileId)),
    code: row.code,
    parameters: ParameterValuesSchema.parse(row.parameters),
    quality: row.quality,
    files: files.map(toVersionFile),
    metrics: ModelMetricsSchema.parse(row.metrics),
    timings: row.timings as Record<string, number>,
    warnings: row.warnings as string[],
    log: row.log,
  };
}

export type ChatUsage = ChatContext["usage"];
const NO_USAGE: ChatUsage = { input_tokens: 0, output_tokens: 0, cost_usd: 0 };

export function toContext(row: ChatContextRow, current: VersionSummaryRow | undefined, usage = NO_USAGE): ChatContext {
  return {
    id: row.id,
    name: row.name,
    conversation_model_id: row.conversation_model_id,
    codegen_model_id: row.codegen_model_id,
    usage,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_activity_at: row.last_activity_at.toISOString(),
    current_version: current ? toVersionSummary(current) : null,
  };
}

type Content = {
  text?: string | null;
  error?: { type: string; line: number | null } | null;
  event?: string;
  attachments?: unknown;
  faces?: unknown;
};

export function toQueryStatus(row: QueryRow): QueryStatus {
  return {
    id: row.id,
    state: row.state,
    conversation_model_id: row.conversation_model_id,
    codegen_model_id: row.codegen_model_id,
    prompt_version: row.prompt_version,
    brief: row.brief ? DesignBriefSchema.parse(row.brief) : null,
    attempts: QueryAttemptSchema.array().parse(row.attempts),
    steps: QueryStepSchema.array().parse(row.steps),
    attachments: MessageAttachmentSchema.array().parse(row.attachments),
    faces: FaceReferencesSchema.parse(row.faces),
    usage: { input_tokens: row.input_tokens, output_tokens: row.output_tokens },
    cost_usd: Number(row.cost_usd),
    error: row.error,
    version_id: row.version_id,
    started_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}

export function toItem(row: ChatItemRow, version: VersionSummaryRow | undefined, query?: QueryRow): ChatItem {
  const content = (row.content ?? {}) as Content;
  const base = {
    ...(query && { query: toQueryStatus(query) }),
    id: row.id,
    chat_context_id: row.chat_context_id,
    role: row.role,
    state: row.state,
    rating: row.rating as ChatItem["rating"],
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
  switch (row.item_type) {
    case "message":
      return {
        ...base,
        type: "message",
        // An answer still being worked on shows what its conversation stage said (stored once it ended).
        text: content.text || (query?.answer_text ?? ""),
        attachments: MessageAttachmentSchema.array().parse(content.attachments ?? []),
        faces: FaceReferencesSchema.parse(content.faces ?? []),
      };
    case "errormessage":
      return { ...base, type: "errormessage", text: content.text ?? "", error: content.error ?? null };
    case "meta":
      return { ...base, type: "meta", text: content.text ?? "", event: content.event ?? "" };
    case "3dmodel":
      if (!version) throw new Error(`model item ${row.id} has no version`);
      return { ...base, type: "3dmodel", text: content.text ?? null, version: toVersionSummary(version) };
  }
}
