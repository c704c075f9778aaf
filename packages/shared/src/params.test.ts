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
      },
      {
        kind: "number",
        name: "DEPTH",
        label: "Depth",
        line: 4,
        value: 12.5,
        unit: "mm",
        min: 0,
        max: 50,
        step: 0.1,
        integer: false,
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

  it("when the file has Windows line endings, then parameters parse and applying keeps the endings", () => {
    const crlf = SCRIPT.replace(/\n/g, "\r\n");
    expect(parseParameters(crlf).map((p) => p.name)).toEqual(["WIDTH", "DEPTH", "HOLES", "ROUNDED", "STYLE"]);
    const result = applyParameters(crlf, { WIDTH: 20 });
    expect(result.ok && result.code).toBe(crlf.replace("WIDTH = 40", "WIDTH = 20"));
  });
});
