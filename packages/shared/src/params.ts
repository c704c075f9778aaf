/**
 * Parameters of a build123d script: top-level constants marked with a `# @param` comment become sliders,
 * switches and selects in the UI, and a new value is written back into the code. One module for both sides,
 * so the UI and the API read the same convention:
 *
 *   WIDTH = 40  # @param mm 10..200 "Overall width"      (or: min=10 max=200 step=1)
 *   ROUNDED = True  # @param "Round the edges"
 *   STYLE = "slot"  # @param choices=slot|hole|none "Cut-out"
 *
 * After `@param`, in any order: a unit (a bare word such as mm, deg, %), a range `min..max` (or `min=` and
 * `max=`), `step=`, `choices=a|b|c` (for a string constant) and a quoted label. A script's bounds are enforced.
 * Numbers without them get a suggested range around their value (`bounded: false`): only its floor is enforced,
 * and a length's floor is one step above zero, so a slider cannot make a part of no size. An integer literal
 * with no fractional step stays an integer.
 */
import { z } from "zod";

export const ParameterValueSchema = z.union([z.number(), z.boolean(), z.string().max(200)]);
export type ParameterValue = z.infer<typeof ParameterValueSchema>;
export const ParameterValuesSchema = z.record(z.string().regex(/^[A-Za-z_]\w{0,63}$/), ParameterValueSchema);
export type ParameterValues = z.infer<typeof ParameterValuesSchema>;

export const ParameterSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("number"),
    name: z.string(),
    label: z.string(),
    line: z.number().int(),
    value: z.number(),
    unit: z.string().nullable(),
    min: z.number(),
    max: z.number(),
    step: z.number(),
    integer: z.boolean(),
    /** The script set the range; otherwise it is a suggestion from the value, and only `min` holds. */
    bounded: z.boolean(),
  }),
  z.object({
    kind: z.literal("boolean"),
    name: z.string(),
    label: z.string(),
    line: z.number().int(),
    value: z.boolean(),
  }),
  z.object({
    kind: z.literal("choice"),
    name: z.string(),
    label: z.string(),
    line: z.number().int(),
    value: z.string(),
    choices: z.array(z.string()),
  }),
]);
export type Parameter = z.infer<typeof ParameterSchema>;

const NUMBER = String.raw`[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?`;
const STRING = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'`;
const LINE = new RegExp(
  String.raw`^(?<name>[A-Za-z_]\w*)\s*(?::\s*[A-Za-z_][\w\[\], .]*)?=\s*(?<literal>${NUMBER}|True|False|${STRING})\s*#\s*@param\b(?<spec>.*)$`,
  "d",
);
const OPTION = /^(min|max|step|choices)=(\S+)$/;
const RANGE = new RegExp(String.raw`^(${NUMBER})\.\.(${NUMBER})$`);
const LENGTH_UNITS = new Set(["mm", "cm", "m", "in", "inch", "ft"]);
const TOKEN = /"(?:[^"\\]|\\.)*"|\S+/g;

const unquote = (literal: string) =>
  JSON.parse(literal[0] === "'" ? `"${literal.slice(1, -1).replace(/"/g, '\\"')}"` : literal) as string;
const quote = (value: string) => JSON.stringify(value);
const humanize = (name: string) => {
  const words = name.toLowerCase().split("_").filter(Boolean).join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const decimals = (literal: string) => (literal.includes(".") ? literal.split(".")[1]!.replace(/[eE].*/, "").length : 0);

function numberParameter(
  name: string,
  literal: string,
  options: Map<string, string>,
  base: { label: string; line: number; unit: string | null },
): Parameter | undefined {
  const value = Number(literal.replace(/_/g, ""));
  if (!Number.isFinite(value)) return undefined;
  const option = (key: string) => (options.has(key) ? Number(options.get(key)!.replace(/_/g, "")) : undefined);
  const magnitude = Math.abs(value) || 10;
  const isIntLiteral = !/[.eE]/.test(literal);
  const step = option("step") ?? (isIntLiteral ? 1 : 10 ** -Math.max(1, decimals(literal)));
  const floor = base.unit && LENGTH_UNITS.has(base.unit) ? step : 0;
  let min = option("min") ?? (value >= 0 ? floor : value - 3 * magnitude);
  let max = option("max") ?? (value <= 0 ? magnitude : value + 3 * magnitude);
  if (![min, max, step].every(Number.isFinite) || step <= 0) return undefined;
  if (min > max) [min, max] = [max, min];
  return {
    kind: "number",
    name,
    ...base,
    value,
    min: Math.min(min, value),
    max: Math.max(max, value),
    step,
    integer: isIntLiteral && Number.isInteger(step),
    bounded: options.has("max"),
  };
}

/** Every `# @param` constant of the script, in the order they appear. Lines that do not parse are ignored. */
export function parseParameters(code: string): Parameter[] {
  const found: Parameter[] = [];
  const seen = new Set<string>();
  code.split(/\r?\n/).forEach((text, index) => {
    const match = LINE.exec(text);
    if (!match?.groups || seen.has(match.groups.name!)) return;
    const name = match.groups.name!;
    const literal = match.groups.literal!;
    const options = new Map<string, string>();
    let label = humanize(name);
    let unit: string | null = null;
    for (const token of match.groups.spec!.match(TOKEN) ?? []) {
      const option = OPTION.exec(token);
      const range = RANGE.exec(token);
      if (option) options.set(option[1]!, option[2]!);
      else if (range) options.set("min", range[1]!).set("max", range[2]!);
      else if (token.startsWith('"')) label = unquote(token);
      else unit ??= token;
    }
    const base = { label, line: index + 1 };
    let parameter: Parameter | undefined;
    if (literal === "True" || literal === "False") {
      parameter = { kind: "boolean", name, ...base, value: literal === "True" };
    } else if (literal.startsWith('"') || literal.startsWith("'")) {
      const value = unquote(literal);
      const choices = options.get("choices")?.split("|").filter(Boolean);
      if (choices)
        parameter = {
          kind: "choice",
          name,
          ...base,
          value,
          choices: choices.includes(value) ? choices : [value, ...choices],
        };
    } else {
      parameter = numberParameter(name, literal, options, { ...base, unit });
    }
    if (parameter) {
      seen.add(name);
      found.push(parameter);
    }
  });
  return found;
}

export type ParameterProblems = Record<string, string[]>;

/** Why `value` cannot be given to `parameter`, if it cannot. */
export function parameterProblem(parameter: Parameter, value: ParameterValue): string | undefined {
  switch (parameter.kind) {
    case "boolean":
      return typeof value === "boolean" ? undefined : "Use true or false.";
    case "choice":
      return typeof value === "string" && parameter.choices.includes(value)
        ? undefined
        : `Use one of: ${parameter.choices.join(", ")}.`;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return "Use a number.";
      if (parameter.integer && !Number.isInteger(value)) return "Use a whole number.";
      if (parameter.bounded && (value < parameter.min || value > parameter.max))
        return `Use a value from ${parameter.min} to ${parameter.max}.`;
      if (value < parameter.min) return `Use a value of at least ${parameter.min}.`;
      return undefined;
  }
}

function literalOf(parameter: Parameter, value: ParameterValue): string {
  if (parameter.kind === "boolean") return value ? "True" : "False";
  if (parameter.kind === "choice") return quote(String(value));
  return String(value);
}

/**
 * The script with the given values written into its `# @param` lines (comments and everything else kept), or
 * the problems per name. Unknown names and values out of range are problems, not silently ignored.
 */
export function applyParameters(
  code: string,
  values: ParameterValues,
): { ok: true; code: string } | { ok: false; problems: ParameterProblems } {
  const parameters = new Map(parseParameters(code).map((p) => [p.name, p]));
  const problems: ParameterProblems = {};
  for (const [name, value] of Object.entries(values)) {
    const parameter = parameters.get(name);
    const problem = parameter ? parameterProblem(parameter, value) : "This script has no such parameter.";
    if (problem) problems[name] = [problem];
  }
  if (Object.keys(problems).length) return { ok: false, problems };
  const lines = code.split(/(?<=\n)/);
  for (const [name, value] of Object.entries(values)) {
    const parameter = parameters.get(name)!;
    const i = parameter.line - 1;
    const [start, end] = LINE.exec(lines[i]!.replace(/\r?\n$/, ""))!.indices!.groups!.literal!;
    lines[i] = lines[i]!.slice(0, start) + literalOf(parameter, value) + lines[i]!.slice(end);
  }
  return { ok: true, code: lines.join("") };
}

/** The current value of every parameter of a script, as a version stores them. */
export function parameterValues(code: string): ParameterValues {
  return Object.fromEntries(parseParameters(code).map((p) => [p.name, p.value]));
}
