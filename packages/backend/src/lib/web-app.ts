import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import express, { type Express, type Request, type Response } from "express";

/**
 * The CSP hashes of the inline scripts in the built index.html (the theme script that runs before first
 * paint), so single-process mode allows exactly those and nothing else inline — as nginx does in compose.
 */
export function inlineScriptHashes(webDistDir: string | undefined): string[] {
  if (!webDistDir) return [];
  const index = path.join(webDistDir, "index.html");
  if (!existsSync(index)) return [];
  const html = readFileSync(index, "utf8");
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`,
  );
}

// The UI build writes these beside every text file; brotli first, as it is the smaller.
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

const isFile = (file: string) => statSync(file, { throwIfNoEntry: false })?.isFile() === true;

type CacheOptions = { maxAge: string | number; immutable?: boolean };

/**
 * Sends `file` as its precompressed sibling when the client takes that encoding, with the original's type;
 * returns false when the file has none (the caller sends it plain).
 */
function sendPrecompressed(req: Request, res: Response, file: string, cache: CacheOptions): boolean {
  const variants = ENCODINGS.filter(({ suffix }) => isFile(file + suffix));
  if (variants.length === 0) return false;
  res.vary("Accept-Encoding");
  const chosen = variants.find(({ name }) => req.acceptsEncodings(name) === name);
  if (!chosen) return false;
  res.setHeader("Content-Encoding", chosen.name);
  res.type(path.extname(file));
  res.sendFile(file + chosen.suffix, cache, (error) => {
    if (error && !res.headersSent) res.status(500).end();
  });
  return true;
}

/** Serves a folder's files precompressed where possible, leaving the rest (and misses) to `next`. */
function precompressedStatic(dir: string, cache: CacheOptions): express.RequestHandler {
  const root = path.resolve(dir);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let file: string;
    try {
      file = path.join(root, decodeURIComponent(req.path));
    } catch {
      return next();
    }
    if (!file.startsWith(root + path.sep) || !isFile(file)) return next();
    if (!sendPrecompressed(req, res, file, cache)) next();
  };
}

/**
 * Single-process mode: the built UI, compressed at build time, with hashed assets cached for a year and
 * every other path getting index.html, which always revalidates.
 */
export function serveWebApp(app: Express, dir: string) {
  const assets = path.join(dir, "assets");
  const immutable = { immutable: true, maxAge: "365d" };
  app.use(
    "/assets",
    precompressedStatic(assets, immutable),
    express.static(assets, { ...immutable, fallthrough: false }),
  );
  app.use(precompressedStatic(dir, { maxAge: 0 }), express.static(dir, { index: false, maxAge: 0 }));
  const index = path.join(path.resolve(dir), "index.html");
  app.get(/^\/(?!api\/).*/, (req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    // A share link's page is for the people given the link, never for a search engine.
    if (req.path === "/shared") res.setHeader("X-Robots-Tag", "noindex, nofollow");
    if (!sendPrecompressed(req, res, index, { maxAge: 0 })) res.sendFile(index);
  });
}
