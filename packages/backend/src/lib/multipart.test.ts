import { describe, expect, it } from "vitest";
import { multipartBoundary, parseMultipart } from "./multipart.js";

const body = (...chunks: Array<string | Buffer>) => Buffer.concat(chunks.map((c) => Buffer.from(c)));

describe("parseMultipart", () => {
  it("when parts carry a Content-Length, then bytes that look like the delimiter stay inside their part", () => {
    const tricky = Buffer.from("\r\n--b\r\nnot a part");
    const parts = parseMultipart(
      body(
        '--b\r\nContent-Type: application/json\r\nContent-Disposition: attachment; name="manifest"\r\nContent-Length: 2\r\n\r\n{}\r\n',
        `--b\r\nContent-Disposition: attachment; name="files.stl"\r\nContent-Length: ${tricky.length}\r\n\r\n`,
        tricky,
        "\r\n--b--\r\n",
      ),
      "b",
    );
    expect(parts.map((p) => [p.name, p.type, p.data.toString()])).toEqual([
      ["manifest", "application/json", "{}"],
      ["files.stl", undefined, tricky.toString()],
    ]);
  });

  it("when a part has no Content-Length, then it ends at the next delimiter", () => {
    const parts = parseMultipart(body("--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--"), "b");
    expect(parts.map((p) => p.data.toString())).toEqual(["hello"]);
  });

  it("when the body is cut short or has no boundary, then it throws rather than return half an answer", () => {
    expect(() => parseMultipart(body("--b\r\nContent-Length: 99\r\n\r\nshort\r\n--b--"), "b")).toThrow();
    expect(() => parseMultipart(body("--b\r\nContent-Length: 2\r\n\r\n{}"), "b")).toThrow();
    expect(() => parseMultipart(body("no boundary here"), "b")).toThrow();
  });

  it("when the Content-Type is read, then the boundary comes out quoted or not, and nothing for other types", () => {
    expect(multipartBoundary('multipart/mixed; boundary="ab12"')).toBe("ab12");
    expect(multipartBoundary("multipart/mixed; charset=x; boundary=ab12")).toBe("ab12");
    expect(multipartBoundary("application/json")).toBeUndefined();
    expect(multipartBoundary(null)).toBeUndefined();
  });
});
