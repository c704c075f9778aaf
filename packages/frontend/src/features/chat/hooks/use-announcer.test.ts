import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ANNOUNCE_INTERVAL_MS, useStreamAnnouncement } from "./use-announcer";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("useStreamAnnouncement", () => {
  it("when text streams in, then it is announced in whole words at most once per interval, and the rest when it stops", () => {
    const { result, rerender } = renderHook(({ text, streaming }) => useStreamAnnouncement(text, streaming), {
      initialProps: { text: "", streaming: true },
    });
    rerender({ text: "Making a blo", streaming: true });
    rerender({ text: "Making a block wi", streaming: true });
    expect(result.current).toBe("");

    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS));
    // Cut before the word still being written.
    expect(result.current).toBe("Making a block");

    rerender({ text: "Making a block with those dimensions.", streaming: true });
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS - 1));
    expect(result.current).toBe("Making a block");
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe("with those");

    rerender({ text: "Making a block with those dimensions.", streaming: false });
    expect(result.current).toBe("dimensions.");
  });

  it("when an answer is already complete on mount, then nothing is announced", () => {
    const { result } = renderHook(() => useStreamAnnouncement("An earlier answer.", false));
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS * 3));
    expect(result.current).toBe("");
  });
});
