import { describe, expect, it } from "vitest";
import { findControlCharacter } from "./text.js";

describe("findControlCharacter", () => {
  it("when a control character sits in a value or a key, then it names the path to it", () => {
    expect(findControlCharacter({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toEqual(["a", "1", "c"]);
    expect(findControlCharacter({ a: { "k\u0007": 1 } })).toEqual(["a", "k\u0007"]);
    expect(findControlCharacter({ a: "line\nbreak\ttab", b: [1, null, true] })).toBeUndefined();
  });

  it("when the first of two bad strings comes first, then that one is reported", () => {
    expect(findControlCharacter({ first: "\u0001", second: "\u0002" })).toEqual(["first"]);
  });

  it("when a value nests 200,000 levels deep, then it walks it without overflowing the stack", () => {
    let deep: unknown = "bad\u0000";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findControlCharacter(deep)).toHaveLength(200_000);
  });
});
