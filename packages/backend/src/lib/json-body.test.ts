import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "./json-body.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("nestsDeeperThan", () => {
  it("when arrays and objects nest to the limit, then it passes them, and one level more is too deep", () => {
    expect(nestsDeeperThan(bytes('{"a":[{"b":[]}]}'), 4)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a":[{"b":[[]]}]}'), 4)).toBe(true);
  });

  it("when brackets, escaped quotes and non-ASCII text sit inside strings, then they do not count", () => {
    expect(nestsDeeperThan(bytes(JSON.stringify({ s: '[[[{{{"\\\\ Maße [[[' })), 1)).toBe(false);
    expect(nestsDeeperThan(bytes(JSON.stringify([{ s: 'a\\"[[' }, ["x"]])), 2)).toBe(false);
  });

  it("when siblings follow each other, then depth is what is open at once, not how many were opened", () => {
    expect(nestsDeeperThan(bytes(JSON.stringify(Array.from({ length: 1000 }, () => [[]]))), 3)).toBe(false);
  });
});
