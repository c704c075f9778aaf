import { describe, expect, it } from "vitest";
import { formatLatency, formatUptime } from "./format";

describe("formatUptime", () => {
  it("when the server just started, then it shows seconds", () => {
    expect(formatUptime(0)).toBe("0s");
    expect(formatUptime(42.7)).toBe("42s");
  });

  it("when it has run for a while, then it shows the two largest units", () => {
    expect(formatUptime(3 * 60 + 5)).toBe("3m 5s");
    expect(formatUptime(2 * 3600 + 15 * 60 + 9)).toBe("2h 15m");
    expect(formatUptime(3 * 86400 + 4 * 3600 + 59)).toBe("3d 4h");
  });

  it("when the lower unit is zero, then it is left out", () => {
    expect(formatUptime(86400 + 30)).toBe("1d");
    expect(formatUptime(3600)).toBe("1h");
  });
});

describe("formatLatency", () => {
  it("when no latency was measured, then it shows a dash", () => {
    expect(formatLatency(null)).toBe("—");
  });

  it("when latency is small, then it keeps one decimal; otherwise whole milliseconds", () => {
    expect(formatLatency(0.3)).toBe("<1 ms");
    expect(formatLatency(2.46)).toBe("2.5 ms");
    expect(formatLatency(123.6)).toBe("124 ms");
  });
});
