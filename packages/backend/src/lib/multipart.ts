/** One part of a multipart body: its Content-Disposition name, Content-Type and bytes. */
export interface Part {
  name: string | undefined;
  type: string | undefined;
  data: Buffer;
}

const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");

/** The boundary of a multipart Content-Type header, or undefined when it is not multipart. */
export function multipartBoundary(contentType: string | null): string | undefined {
  const match = contentType?.match(/^multipart\/[a-z-]+\s*;.*?boundary=(?:"([^"]+)"|([^\s;]+))/i);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * Splits a multipart body (RFC 2046) into its parts. A part with a Content-Length header is read by that
 * length, so bytes that happen to look like the delimiter cannot cut it short; throws on a malformed body.
 */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error("multipart body without its boundary");
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === "--") return parts;
    if (!body.subarray(at, at + 2).equals(CRLF)) throw new Error("malformed multipart delimiter");
    const headersEnd = body.indexOf(HEADERS_END, at);
    if (headersEnd < 0) throw new Error("multipart part without the end of its headers");
    const headers = new Map(
      body
        .subarray(at + 2, headersEnd)
        .toString("latin1")
        .split("\r\n")
        .map((line) => {
          const colon = line.indexOf(":");
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
        }),
    );
    const start = headersEnd + HEADERS_END.length;
    const length = headers.get("content-length");
    const end = length !== undefined ? start + Number(length) : body.indexOf(Buffer.concat([CRLF, delimiter]), start);
    if (!Number.isInteger(end) || end < start || end > body.length) throw new Error("multipart part cut short");
    parts.push({
      name: headers.get("content-disposition")?.match(/name="([^"]*)"/)?.[1],
      type: headers.get("content-type"),
      data: body.subarray(start, end),
    });
    at = body.indexOf(delimiter, end);
    if (at !== end + CRLF.length) throw new Error("multipart part not followed by its delimiter");
  }
}
