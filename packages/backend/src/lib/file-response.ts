import type { Request, Response } from "express";
import type { Readable } from "node:stream";
import { AppError } from "../errors.js";
import type { FileRow } from "../repositories/file.repository.js";
import { sendStream } from "./send-stream.js";

/** The single `bytes=a-b`, `bytes=a-` or `bytes=-n` range of a Range header, clipped to the size. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | "unsatisfiable" | undefined {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (!match[1] && !match[2])) return undefined;
  const [start, end] = match[1]
    ? [Number(match[1]), match[2] ? Math.min(Number(match[2]), size - 1) : size - 1]
    : [Math.max(0, size - Number(match[2])), size - 1];
  return start > end || start >= size ? "unsatisfiable" : { start, end };
}

/** What a file download can answer. */
/** A file is served as the type it was stored with (a PNG as image/png), so any media type. */
export const FILE_MEDIA_TYPE = "*/*";

export const FILE_RESPONSES = {
  200: "the file",
  206: "the requested range",
  304: "not modified",
  404: "not found",
  416: "range not satisfiable",
};

/** Streams a stored file as an attachment, with its ETag and a Range when one is asked for. */
export async function sendStoredFile(
  row: FileRow,
  req: Request,
  res: Response,
  open: (range?: { start: number; end: number }) => Promise<{ stream: Readable }>,
): Promise<void> {
  const size = Number(row.size_bytes);
  const etag = `"${row.sha256}"`;
  res.setHeader("ETag", etag);
  res.setHeader("Accept-Ranges", "bytes");
  res.setHeader("Cache-Control", "private, no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
  // Whatever a file holds, it never runs as a page of this origin.
  res.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
  res.attachment(row.name ?? row.key.split("/").pop()!);
  if (req.headers["if-none-match"] === etag) {
    res.status(304).end();
    return;
  }
  const range = parseRange(req.headers.range, size);
  if (range === "unsatisfiable") {
    res.setHeader("Content-Range", `bytes */${size}`);
    throw new AppError(416, "range_not_satisfiable", "The requested range is outside the file.");
  }
  const { stream } = await open(range);
  res.setHeader("Content-Type", row.content_type);
  if (range) {
    res.status(206);
    res.setHeader("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
    res.setHeader("Content-Length", String(range.end - range.start + 1));
  } else {
    res.setHeader("Content-Length", String(size));
  }
  stream.on("error", () => res.destroy());
  sendStream(res, stream);
}
