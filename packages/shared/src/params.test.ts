import { describe, expect, it } from "vitest";
import { applyParameters, parseParameters, parameterValues } from "./params.js";

const SCRIPT = `from build123d import *

WIDTH = 40  # @param mm min=10 max=200 step=1 "Overall width"
DEPTH: float = 12.5  # @param mm
HOLES = 4  # @param min=0 max=12
ROUNDED = True  # @param "Round the edges"
STYLE = 'slot'  # @param choices=slot|hole|none "Cut-out"
SECRET = 3  # a comment, not a parameter
    INDENTED = 5  # @param

root_part = Box(WIDTH, DEPTH, 10)
`;

describe("@param parameters", () => {
  it("when a script marks top-level constants, then each becomes a typed parameter with its bounds, unit and label", () => {
    expect(parseParameters(SCRIPT)).toEqual([
      {
        kind: "number",
        name: "WIDTH",
        label: "Overall width",
        line: 3,
        value: 40,
        unit: "mm",
        min: 10,
        max: 200,
        step: 1,
        integer: true,
        bounded: true,
      },
      {
        kind: "number",
        name: "DEPTH",
        label: "Depth",
        line: 4,
        value: 12.5,
        unit: "mm",
        min: 0.1,
        max: 50,
        step: 0.1,
        integer: false,
        bounded: false,
      },
      {
        kind: "number",
        name: "HOLES",
        label: "Holes",
        line: 5,
        value: 4,
        unit: null,
        min: 0,
        max: 12,
        step: 1,
        integer: true,
        bounded: true,
      },
      { kind: "boolean", name: "ROUNDED", label: "Round the edges", line: 6, value: true },
      { kind: "choice", name: "STYLE", label: "Cut-out", line: 7, value: "slot", choices: ["slot", "hole", "none"] },
    ]);
    expect(parameterValues(SCRIPT)).toEqual({ WIDTH: 40, DEPTH: 12.5, HOLES: 4, ROUNDED: true, STYLE: "slot" });
  });

  it("when values are applied, then only the literals change and comments, labels and other lines stay", () => {
    const result = applyParameters(SCRIPT, { WIDTH: 55, DEPTH: 7.25, ROUNDED: false, STYLE: "hole" });
    expect(result.ok).toBe(true);
    const code = (result as { code: string }).code;
    expect(code).toContain(`WIDTH = 55  # @param mm min=10 max=200 step=1 "Overall width"`);
    expect(code).toContain("DEPTH: float = 7.25  # @param mm");
    expect(code).toContain(`ROUNDED = False  # @param "Round the edges"`);
    expect(code).toContain(`STYLE = "hole"  # @param choices=slot|hole|none "Cut-out"`);
    expect(code.split("\n").length).toBe(SCRIPT.split("\n").length);
    expect(parameterValues(code)).toEqual({ WIDTH: 55, DEPTH: 7.25, HOLES: 4, ROUNDED: false, STYLE: "hole" });
  });

  it("when a value is unknown, of the wrong kind or out of range, then nothing is applied and each problem is named", () => {
    expect(applyParameters(SCRIPT, { WIDTH: 500, HOLES: 2.5, ROUNDED: "yes", STYLE: "star", NOPE: 1 })).toEqual({
      ok: false,
      problems: {
        WIDTH: ["Use a value from 10 to 200."],
        HOLES: ["Use a whole number."],
        ROUNDED: ["Use true or false."],
        STYLE: ["Use one of: slot, hole, none."],
        NOPE: ["This script has no such parameter."],
      },
    });
  });

  it("when a script writes its range as min..max, then it holds as min= and max= do, beside a unit and a label", () => {
    const [size] = parseParameters(`SIZE = 20  # @param mm 5..1_000 "Size"\nTILT = -2.5  # @param -10.5..10.5 deg`);
    expect(size).toMatchObject({ name: "SIZE", unit: "mm", label: "Size", min: 5, max: 1000, bounded: true });
    const [, tilt] = parseParameters(`SIZE = 20  # @param\nTILT = -2.5  # @param -10.5..10.5 deg`);
    expect(tilt).toMatchObject({ min: -10.5, max: 10.5, unit: "deg", step: 0.1, bounded: true });
    expect(applyParameters(`SIZE = 20  # @param mm 5..100`, { SIZE: 101 })).toEqual({
      ok: false,
      problems: { SIZE: ["Use a value from 5 to 100."] },
    });
  });

  it("when a number has no range, then its suggested maximum is not enforced and a length never goes to zero", () => {
    const code = "SIZE = 20  # @param mm\nCOUNT = 3  # @param\nGAP = 0.25  # @param mm";
    const [size, count, gap] = parseParameters(code);
    expect(size).toMatchObject({ min: 1, max: 80, bounded: false });
    expect(count).toMatchObject({ min: 0, max: 12, bounded: false });
    expect(gap).toMatchObject({ min: 0.01, step: 0.01 });
    const applied = applyParameters(code, { SIZE: 500, COUNT: 40 });
    expect(applied.ok && parameterValues(applied.code)).toMatchObject({ SIZE: 500, COUNT: 40 });
    expect(applyParameters(code, { SIZE: 0, GAP: 0 })).toEqual({
      ok: false,
      problems: { SIZE: ["Use a value of at least 1."], GAP: ["Use a value of at least 0.01."] },
    });
  });

  it("when the file has Windows line endings, then parameters parse and applying keeps the endings", () => {
    const crlf = SCRIPT.replace(/\n/g, "\r\n");
    expect(parseParameters(crlf).map((p) => p.name)).toEqual(["WIDTH", "DEPTH", "HOLES", "ROUNDED", "STYLE"]);
    const result = applyParameters(crlf, { WIDTH: 20 });
    expect(result.ok && result.code).toBe(crlf.replace("WIDTH = 40", "WIDTH = 20"));
  });
});
