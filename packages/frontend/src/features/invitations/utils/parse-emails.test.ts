import { describe, expect, it } from "vitest";
import { addAddresses, splitAddresses, toChip } from "./parse-emails";

describe("splitAddresses", () => {
  it("when a list is pasted with commas, semicolons, spaces and new lines, then each address stands alone", () => {
    expect(splitAddresses("a@x.io, b@x.io;c@x.io\n d@x.io\te@x.io ,, ")).toEqual([
      "a@x.io",
      "b@x.io",
      "c@x.io",
      "d@x.io",
      "e@x.io",
    ]);
  });

  it("when addresses come with names, as mail programs copy them, then only the addresses are kept", () => {
    expect(splitAddresses('Grace Hopper <grace@navy.mil>, "Lovelace, Ada" <ada@x.io>\nlinus@x.io')).toEqual([
      "grace@navy.mil",
      "ada@x.io",
      "linus@x.io",
    ]);
  });
});

describe("addAddresses", () => {
  it("when an address is valid, then it is normalised; when not, then it carries the shared schema's message", () => {
    expect(toChip("Grace@Example.COM")).toMatchObject({ email: "grace@example.com", error: null });
    expect(toChip("grace@")).toMatchObject({ email: null, error: "Enter a valid email address." });
  });

  it("when the same address comes again in any case, then it is skipped and counted", () => {
    const first = addAddresses([], ["a@x.io", "b@x.io"]);
    const second = addAddresses(first.chips, ["A@X.io", "c@x.io", "c@x.io"]);
    expect(second.chips.map((chip) => chip.text)).toEqual(["a@x.io", "b@x.io", "c@x.io"]);
    expect(second).toMatchObject({ added: 1, duplicates: 2 });
  });
});
