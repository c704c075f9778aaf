import { FileIdParamsSchema, FileResponseSchema } from "@chat3d/shared";
import busboy from "busboy";
import type { Request, Response } from "express";
import type { Readable } from "node:stream";
import { AppError } from "../errors.js";
import { sendStream } from "../lib/send-stream.js";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { FileService } from "../services/file.service.js";

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

/** The first file of a multipart body, as a stream; the body is read only as fast as storage takes it. */
function multipartFile(req: Request, field: string, maxBytes: number): Promise<{ filename: string; stream: Readable }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 10, fileSize: maxBytes + 1 } });
    } catch {
      return reject(AppError.badRequest(`Send the file as multipart/form-data in the field "${field}".`));
    }
    let found = false;
    parser.on("file", (name, stream, info) => {
      if (name !== field || found) return stream.resume();
      found = true;
      resolve({ filename: info.filename ?? "upload", stream });
    });
    parser.on("error", () => reject(AppError.badRequest("The upload is not valid multipart/form-data.")));
    parser.on("close", () => found || reject(AppError.badRequest(`Send the file in the field "${field}".`)));
    req.pipe(parser);
  });
}

function sendFile(res: Response, fileName: string) {
  res.setHeader("Accept-Ranges", "bytes");
  res.setHeader("Cache-Control", "private, no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
  // Whatever a file holds, it never runs as a page of this origin.
  res.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
  res.attachment(fileName);
}

export function filesRoutes(files: FileService, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api/files", { tag: "files", access: "user" }, deps)
    .add({
      method: "post",
      path: "/",
      summary: "Upload a file (multipart field `file`), streamed to storage and checked against its extension",
      multipartFile: "file",
      responses: {
        201: FileResponseSchema,
        413: "over the upload limit",
        415: "type not allowed or content does not match",
      },
      handle: async ({ user, req, res }) => {
        const declared = Number(req.headers["content-length"]);
        if (declared > files.maxUploadBytes + 64 * 1024) {
          throw AppError.tooLarge(`Files can be at most ${Math.floor(files.maxUploadBytes / 2 ** 20)} MB.`);
        }
        const { filename, stream } = await multipartFile(req, "file", files.maxUploadBytes);
        try {
          return { file: await files.upload(user.id, filename, stream) };
        } catch (err) {
          // The rest of a refused body is not worth reading: the connection closes after the answer.
          res.setHeader("Connection", "close");
          req.unpipe();
          throw err;
        }
      },
    })
    .add({
      method: "get",
      path: "/:id",
      summary: "Download one of my files (ETag, Range, attachment)",
      params: FileIdParamsSchema,
      // A file is served as the type it was stored with (a PNG as image/png), so any media type.
      produces: "*/*",
      responses: {
        200: "the file",
        206: "the requested range",
        304: "not modified",
        404: "not found",
        416: "range not satisfiable",
      },
      handle: async ({ params, user, req, res }) => {
        const row = await files.describe(user.id, params.id);
        const size = Number(row.size_bytes);
        const etag = `"${row.sha256}"`;
        res.setHeader("ETag", etag);
        sendFile(res, row.name ?? row.key.split("/").pop()!);
        if (req.headers["if-none-match"] === etag) {
          res.status(304).end();
          return;
        }
        const range = parseRange(req.headers.range, size);
        if (range === "unsatisfiable") {
          res.setHeader("Content-Range", `bytes */${size}`);
          throw new AppError(416, "range_not_satisfiable", "The requested range is outside the file.");
        }
        const { stream } = await files.open(row, range);
        res.setHeader("Content-Type", row.content_type);
        if (range) {
          res.status(206);
          res.setHeader("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
          res.setHeader("Content-Length", String(range.end - range.start + 1));
        } else {
          res.setHeader("Content-Length", String(size));
        }
        sendStream(res, stream);
      },
    })
    .add({
      method: "delete",
      path: "/:id",
      summary: "Delete one of my uploads",
      params: FileIdParamsSchema,
      responses: { 204: "deleted", 404: "not found", 409: "part of a model version" },
      handle: ({ params, user }) => files.remove(user.id, params.id),
    });
}
