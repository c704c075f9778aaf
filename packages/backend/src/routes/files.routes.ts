import { z } from "zod";
import { RouteTable, type RouteTableDeps } from "../lib/route-table.js";
import type { FileService } from "../services/file.service.js";

const FileKeySchema = z.object({
  area: z.enum(["modelcreator", "upload"]),
  name: z.string().regex(/^[\w-]{1,100}\.(b123d|step|stl|3mf|glb)$/, "Not a valid file name."),
});

export function filesRoutes(files: FileService, deps: RouteTableDeps): RouteTable {
  return new RouteTable("/api/files", { tag: "files", access: "user" }, deps).add({
    method: "get",
    path: "/:area/:name",
    summary: "Download one of my files (ETag, attachment)",
    params: FileKeySchema,
    produces: "application/octet-stream",
    responses: { 200: "the file", 304: "not modified", 404: "not found" },
    handle: async ({ params, user, req, res }) => {
      const file = await files.open(user.id, `${params.area}/${params.name}`);
      const etag = `"${file.sha256}"`;
      res.setHeader("ETag", etag);
      res.setHeader("Cache-Control", "private, no-cache");
      if (req.headers["if-none-match"] === etag) {
        file.stream.destroy();
        res.status(304).end();
        return;
      }
      res.setHeader("Content-Type", file.contentType);
      res.setHeader("Content-Length", String(file.size));
      res.attachment(file.name);
      file.stream.pipe(res);
    },
  });
}
