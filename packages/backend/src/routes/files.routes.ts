import { FileIdParamsSchema, FileResponseSchema } from "@chat3d/shared";
import busboy from "busboy";
import type { Request } from "express";
import type { Readable } from "node:stream";
import { AppError } from "../errors.js";
import { FILE_MEDIA_TYPE, FILE_RESPONSES, sendStoredFile } from "../lib/file-response.js";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { FileService } from "../services/file.service.js";

/** The first file of a multipart body, as a stream; the body is read only as fast as storage takes it. */
function multipartFile(req: Request, field: string, maxBytes: number): Promise<{ filename: string; stream: Readable }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // Browsers send file names as UTF-8; busboy would read them as latin1.
      parser = busboy({
        headers: req.headers,
        defParamCharset: "utf8",
        limits: { files: 1, fields: 10, fileSize: maxBytes + 1 },
      });
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
      produces: FILE_MEDIA_TYPE,
      responses: FILE_RESPONSES,
      handle: async ({ params, user, req, res }) => {
        const row = await files.describe(user.id, params.id);
        await sendStoredFile(row, req, res, (range) => files.open(row, range));
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
