import { Router } from "express";
import { z } from "zod";
import { parse } from "../lib/validate.js";
import { requireAuth } from "../middleware/authenticate.js";
import type { FileService } from "../services/file.service.js";

const FileKeySchema = z.object({
  area: z.enum(["modelcreator", "upload"]),
  name: z.string().regex(/^[\w-]{1,100}\.(b123d|step|stl|3mf|glb)$/, "Not a valid file name."),
});

export function filesRoutes(files: FileService): Router {
  const router = Router();
  router.use(requireAuth);

  router.get("/:area/:name", async (req, res) => {
    const { area, name } = parse(FileKeySchema, req.params);
    const file = await files.open(req.auth!.user.id, `${area}/${name}`);
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
  });

  return router;
}
