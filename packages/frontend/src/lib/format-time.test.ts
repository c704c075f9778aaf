import { describe, expect, it } from "vitest";
import { formatDateTime, formatRelativeTime } from "./format-time";

const now = Date.parse("2025-06-15T12:00:00Z");
const ago = (ms: number) => new Date(now - ms).toISOString();

describe("formatRelativeTime", () => {
  it.each([
    [0, "just now"],
    [59_000, "just now"],
    [60_000, "1 minute ago"],
    [45 * 60_000, "45 minutes ago"],
    [3 * 3_600_000, "3 hours ago"],
    [26 * 3_600_000, "yesterday"],
    [3 * 86_400_000, "3 days ago"],
  ])("when it happened %i ms ago, then it reads %s", (ms, text) => {
    expect(formatRelativeTime(ago(ms), now)).toBe(text);
  });

  it("when it is over a week old, then it shows the date, with the year only when it differs", () => {
    expect(formatRelativeTime("2025-06-01T09:00:00Z", now)).toBe("Jun 1");
    expect(formatRelativeTime("2024-12-24T09:00:00Z", now)).toBe("Dec 24, 2024");
  });

  it("when the clock is slightly behind the server, then a future time reads as just now", () => {
    expect(formatRelativeTime(new Date(now + 5_000).toISOString(), now)).toBe("just now");
  });
});

describe("formatDateTime", () => {
  it("when given a time, then it reads as date and time", () => {
    expect(formatDateTime("2025-06-15T12:05:00")).toBe("Jun 15, 2025, 12:05 PM");
  });
});
