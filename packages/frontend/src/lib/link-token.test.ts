import { describe, expect, it } from "vitest";
import { tokenFromHash } from "./link-token";

const token = "x".repeat(43);

describe("tokenFromHash", () => {
  it("when the fragment carries a token, then it is returned without the fragment syntax", () => {
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash(`#email=a%40b.c&token=${token}`)).toBe(token);
  });

  it("when there is no token, or it is too short to be one, then there is none", () => {
    expect(tokenFromHash("")).toBeNull();
    expect(tokenFromHash("#token=")).toBeNull();
    expect(tokenFromHash("#token=short")).toBeNull();
  });
});
