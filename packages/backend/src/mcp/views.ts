import type { Version, VersionFile } from "@chat3d/shared";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

type Content = CallToolResult["content"][number];

/** Where a file downloads from: the REST route, which accepts the same token. */
export const fileUrl = (baseUrl: string, fileId: string) => `${baseUrl}/api/files/${fileId}`;

function describeFile(file: VersionFile, baseUrl: string) {
  const kind = file.role === "preview" ? { view: file.view } : { format: file.format, name: file.name };
  return { role: file.role, ...kind, file_id: file.file_id, bytes: file.bytes, url: fileUrl(baseUrl, file.file_id) };
}

/**
 * A version as an agent reads it: the geometry summary without the per-face and per-edge lists (those can
 * run to thousands of entries; `measure` answers questions about them), and every file with its link.
 */
export function versionView(version: Version, baseUrl: string, { withCode }: { withCode: boolean }) {
  const { faces: _faces, edges: _edges, ...metrics } = version.metrics;
  return {
    id: version.id,
    chat_id: version.chat_context_id,
    number: version.number,
    source: version.source,
    kind: version.kind,
    parent_version_id: version.parent_version_id,
    created_at: version.created_at,
    parameters: version.parameters,
    quality: version.quality,
    metrics,
    warnings: version.warnings,
    files: version.files.map((file) => describeFile(file, baseUrl)),
    ...(withCode && { code: version.code, log: version.log }),
  };
}

/** The version's exported models as resource links, so a client can offer them as downloads. */
export function modelLinks(version: Version, baseUrl: string): Content[] {
  return version.files.flatMap((file) =>
    file.role === "model"
      ? [
          {
            type: "resource_link" as const,
            uri: fileUrl(baseUrl, file.file_id),
            name: file.name,
            description: `${file.format.toUpperCase()} of version ${version.number} (${file.bytes} bytes)`,
          },
        ]
      : [],
  );
}

export function json(value: unknown): Content {
  return { type: "text", text: JSON.stringify(value, null, 2) };
}
