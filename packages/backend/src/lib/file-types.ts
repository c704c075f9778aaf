import { UPLOAD_TYPES, type UploadExtension } from "@chat3d/shared";

const startsWith = (head: Buffer, bytes: number[] | string, at = 0) =>
  (typeof bytes === "string" ? Buffer.from(bytes, "latin1") : Buffer.from(bytes)).equals(
    head.subarray(at, at + bytes.length),
  );

const text = (head: Buffer) => head.toString("utf8").replace(/^\uFEFF/, "");
const isText = (head: Buffer) => !head.includes(0) && !text(head).includes("\uFFFD");

/**
 * Whether the bytes are what the extension claims, from the file's first bytes (and, for binary STL, its
 * length): an upload is served with the media type of its extension, so the two must agree.
 */
const CHECKS: Record<UploadExtension, (head: Buffer, size: number) => boolean> = {
  png: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpg: (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  jpeg: (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  webp: (h) => startsWith(h, "RIFF") && startsWith(h, "WEBP", 8),
  pdf: (h) => startsWith(h, "%PDF-"),
  step: (h) => isText(h) && text(h).trimStart().startsWith("ISO-10303-21;"),
  stp: (h) => isText(h) && text(h).trimStart().startsWith("ISO-10303-21;"),
  stl: (h, size) =>
    (isText(h) && /^\s*solid\b/.test(text(h))) || (h.length >= 84 && size === 84 + 50 * h.readUInt32LE(80)),
  "3mf": (h) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]),
  glb: (h) => startsWith(h, "glTF") && h.length >= 8 && h.readUInt32LE(4) === 2,
  dxf: (h) => startsWith(h, "AutoCAD Binary DXF") || (isText(h) && /^\s*0\s*\r?\n\s*SECTION\b/.test(text(h))),
  py: (h) => isText(h),
  txt: (h) => isText(h),
};

export function uploadExtension(filename: string): UploadExtension | undefined {
  const ext = filename.toLowerCase().match(/\.([a-z0-9]{1,5})$/)?.[1];
  return ext && ext in UPLOAD_TYPES ? (ext as UploadExtension) : undefined;
}

export function contentMatches(ext: UploadExtension, head: Buffer, size: number): boolean {
  return size > 0 && CHECKS[ext](head, size);
}
