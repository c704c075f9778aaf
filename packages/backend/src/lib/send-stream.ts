import type { Response } from "express";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Sends stored bytes. A client that leaves mid-download ends the read too, so the file handle or the object
 * store's connection is let go at once rather than held by a paused stream; a failed read cuts the response.
 */
export function sendStream(res: Response, stream: Readable): void {
  pipeline(stream, res).catch(() => undefined);
}
