import { parseParameters, type Parameter } from "@chat3d/shared";
import { describe, expect, it } from "vitest";
import { sliderRange } from "./parameter-range";

const numberOf = (code: string) => parseParameters(code)[0] as Extract<Parameter, { kind: "number" }>;

describe("a slider's range", () => {
  it("when later versions change a value without bounds, then the range stays the first version's", () => {
    const first = numberOf("SIZE = 20  # @param mm");
    expect(sliderRange(first, first, [])).toEqual({ min: 1, max: 80 });
    // Alone, 60 would suggest 1…240 and the thumb would jump back to a quarter of the track.
    expect(sliderRange(numberOf("SIZE = 60  # @param mm"), first, [])).toEqual({ min: 1, max: 80 });
  });

  it("when a value goes past the range, then the range widens to it and stays wide", () => {
    const first = numberOf("SIZE = 20  # @param mm");
    expect(sliderRange(numberOf("SIZE = 150  # @param mm"), first, [])).toEqual({ min: 1, max: 150 });
    expect(sliderRange(numberOf("SIZE = 50  # @param mm"), first, [150])).toEqual({ min: 1, max: 150 });
  });

  it("when the script gives bounds, then they are the range, whatever came before", () => {
    const first = numberOf("SIZE = 20  # @param mm");
    expect(sliderRange(numberOf("SIZE = 20  # @param mm 5..40"), first, [150])).toEqual({ min: 5, max: 40 });
  });
});
