import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF } from "./backoff";

describe("backoffDelay", () => {
  it("when retries pile up, then the delay doubles from one second and stops at thirty", () => {
    const middle = () => 0.5;
    const delays = [0, 1, 2, 3, 4, 5, 6, 12, 60].map((attempt) => backoffDelay(attempt, DEFAULT_BACKOFF, middle));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it("when jittered, then each delay stays within a quarter of its step and never passes the cap", () => {
    for (const attempt of [0, 3, 4, 10]) {
      const step = Math.min(30_000, 1_000 * 2 ** attempt);
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 0)).toBe(Math.round(step * 0.75));
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.999_999)).toBe(Math.min(30_000, Math.round(step * 1.25)));
    }
  });
});
