import { AppError } from "../errors.js";

/** Paging positions handed to clients as opaque base64url text, so their shape can change freely. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

export function decodeCursor<T extends Record<string, string | number>>(cursor: string, keys: (keyof T)[]): T {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as T;
    if (value && typeof value === "object" && keys.every((k) => ["string", "number"].includes(typeof value[k]))) {
      return value;
    }
  } catch {
    // fall through to the same answer as any other malformed cursor
  }
  throw AppError.validation({ cursor: ["Not a valid cursor."] });
}
