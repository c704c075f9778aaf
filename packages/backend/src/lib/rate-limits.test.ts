import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "./rate-limits.js";

describe("rate limits", () => {
  it("when the limits are declared, then no two share a counter name", () => {
    const names = Object.values(RATE_LIMITS).map((spec) => spec.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });
});
