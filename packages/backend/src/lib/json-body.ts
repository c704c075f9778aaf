import { MAX_JSON_DEPTH } from "@chat3d/shared";
import express, { type RequestHandler } from "express";
import { AppError } from "../errors.js";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]);
const CLOSE = new Set([0x5d, 0x7d]);

/**
 * Whether the JSON text nests arrays/objects deeper than `max`, by one pass over its bytes (before any parse, so
 * a hostile body costs linear time and no stack). UTF-8 continuation bytes never equal these ASCII ones.
 */
export function nestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (OPEN.has(b)) {
      if (++depth > max) return true;
    } else if (CLOSE.has(b)) depth--;
  }
  return false;
}

/** JSON bodies up to 1 MB and MAX_JSON_DEPTH levels; deeper ones get a 400 before JSON.parse sees them. */
export function jsonBody(): RequestHandler {
  return express.json({
    limit: "1mb",
    verify: (_req, _res, bytes) => {
      if (nestsDeeperThan(bytes, MAX_JSON_DEPTH)) {
        throw new AppError(400, "too_deeply_nested", `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`, {
          max_depth: MAX_JSON_DEPTH,
        });
      }
    },
  });
}
