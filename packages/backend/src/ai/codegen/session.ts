import {
  applyParameters,
  type DesignBrief,
  type ParameterValues,
  type QueryAttempt,
  type QueryStep,
  type QueryTool,
} from "@chat3d/shared";
import { RenderScriptError, type RenderRepository, type RenderResult } from "../../repositories/render.repository.js";
import { lookupApi, type ApiEntry } from "../knowledge/api-notes.js";
import { contradictions } from "./brief-check.js";
import { searchExamples, type ExampleIndex } from "../knowledge/example-search.js";
import { describeMetrics } from "../history.js";
import { describeShape, measure, type MeasureQuery } from "./measure.js";

/** What one tool call tells the code model (becomes the tool result) and the step it records. */
export interface ToolAnswer {
  output: Record<string, unknown>;
  step: Omit<QueryStep, "number">;
}

export interface Submission {
  code: string;
  comment: string;
  result: RenderResult;
}

export interface CodegenSessionOptions {
  brief: DesignBrief;
  renderer: RenderRepository;
  /** Whose render this is, for the render service's fair queue. */
  caller: string;
  signal: AbortSignal;
  /** The model reads images: `look` shows it the previews, and it must look before it submits. */
  vision: boolean;
  examples: ExampleIndex;
  api: ApiEntry[];
  /** Each tool call as it happens (and, for renders, the attempt): stored and shown on the answer. */
  onStep(step: QueryStep, attempt?: QueryAttempt): Promise<void>;
  /** A render starts, or one failed and the model is fixing it: the answer's stage. */
  onStage?(stage: "rendering" | "repairing", attempt: number): Promise<void>;
  /** Steps an earlier run of this query already took (it was resumed after a restart). */
  earlierSteps?: number;
  earlierAttempts?: number;
}

const PREVIEW_VIEWS = ["iso", "front", "top", "right"] as const;
const QUALITY = "normal";

type Rendered = { number: number } & (
  { ok: true; result: RenderResult; problems: string[] } | { ok: false; error: RenderScriptError }
);

/**
 * The code model's workbench for one query: it renders, looks, measures, searches the examples and API
 * notes, and submits. The rules live here, not in the model's goodwill: a submission must render, agree
 * with the brief (sizes, holes, solids — checked by code), and, for a model that can see, have been
 * looked at first.
 */
export class CodegenSession {
  private readonly renders = new Map<string, Promise<Rendered>>();
  private readonly looked = new Set<string>();
  private last: { code: string; result: RenderResult } | undefined;
  private stepCount: number;
  private attemptCount: number;
  /** The previews a model that can see was shown last, for the loop to put in front of it. */
  latestLook: { code: string; images: Array<{ view: string; data: Uint8Array }> } | undefined;
  submission: Submission | undefined;
  readonly tried: string[] = [];

  constructor(private readonly options: CodegenSessionOptions) {
    this.stepCount = options.earlierSteps ?? 0;
    this.attemptCount = options.earlierAttempts ?? 0;
  }

  get steps() {
    return this.stepCount;
  }

  get attempts() {
    return this.attemptCount;
  }

  /** The last code that rendered, if any: what a failed query says it got to. */
  get lastRendered() {
    return this.last;
  }

  async render(code: string): Promise<Record<string, unknown>> {
    const rendered = await this.renderOnce(code);
    if (!rendered.ok) {
      const { type, message, line } = rendered.error;
      return this.record(
        "render",
        {
          output: { ok: false, error: type, message, line },
          step: { tool: "render", ok: false, summary: `${errorWords(type)}${line ? ` on line ${line}` : ""}`, line },
        },
        rendered.attempt,
      );
    }
    const { result, problems } = rendered;
    const [x, y, z] = result.metrics.bounding_box.size.map((v) => Number(v.toFixed(1)));
    return this.record(
      "render",
      {
        output: {
          ok: true,
          geometry: describeMetrics(result.metrics),
          holes: result.metrics.cylinders.map((c) => `${c.count} ${c.kind}(s) of ${c.diameter.toFixed(2)} mm`),
          warnings: result.warnings,
          ...(problems.length && { disagrees_with_brief: problems }),
          next: this.options.vision
            ? "Call look to see it, measure to check details, then submit."
            : "Call measure to check details, then submit.",
        },
        step: {
          tool: "render",
          ok: problems.length === 0,
          summary: result.kind === "2d" ? `rendered a ${x} × ${y} mm outline` : `rendered ${x} × ${y} × ${z} mm`,
          line: null,
        },
      },
      rendered.attempt,
    );
  }

  async look(): Promise<Record<string, unknown>> {
    if (!this.last) {
      return this.record("look", {
        output: { ok: false, message: "Nothing has rendered yet: call render first." },
        step: { tool: "look", ok: false, summary: "nothing to look at yet", line: null },
      });
    }
    const { code, result } = this.last;
    const description = describeShape(result.metrics);
    if (!this.options.vision) {
      return this.record("look", {
        output: { ok: true, description },
        step: { tool: "look", ok: true, summary: "read the shape's description", line: null },
      });
    }
    const images = PREVIEW_VIEWS.flatMap((view) => {
      const preview = result.previews[view];
      return preview ? [{ view, data: preview.data }] : [];
    });
    this.latestLook = { code, images };
    this.looked.add(code);
    return this.record("look", {
      output: {
        ok: true,
        views: images.map((i) => i.view),
        note: "The previews follow as images (iso, front, top, right); grey on white, Z up.",
        description,
      },
      step: { tool: "look", ok: true, summary: `looked at ${images.length} views`, line: null },
    });
  }

  async measure(query: MeasureQuery): Promise<Record<string, unknown>> {
    if (!this.last) {
      return this.record("measure", {
        output: { ok: false, message: "Nothing has rendered yet: call render first." },
        step: { tool: "measure", ok: false, summary: "nothing to measure yet", line: null },
      });
    }
    const output = measure(this.last.result.metrics, query);
    return this.record("measure", {
      output,
      step: {
        tool: "measure",
        ok: !("error" in output),
        summary: `measured ${query.what.replace("_", " ")}`,
        line: null,
      },
    });
  }

  async searchExamples(text: string): Promise<Record<string, unknown>> {
    const found = searchExamples(this.options.examples, text, 2);
    return this.record("search_examples", {
      output: {
        examples: found.map((e) => ({ request: e.request, code: e.code })),
        ...(found.length === 0 && { message: "No worked example matches; try other words." }),
      },
      step: {
        tool: "search_examples",
        ok: found.length > 0,
        summary: found.length
          ? `found ${found.map((e) => e.name.replaceAll("_", " ")).join(", ")}`
          : "found no example",
        line: null,
      },
    });
  }

  async lookupApi(name: string): Promise<Record<string, unknown>> {
    const found = lookupApi(this.options.api, name);
    return this.record("lookup_api", {
      output: found.entry
        ? { name: found.entry.name, notes: found.entry.text }
        : { message: `No notes on ${name}.`, did_you_mean: found.suggestions },
      step: {
        tool: "lookup_api",
        ok: Boolean(found.entry),
        summary: `looked up ${found.entry?.name ?? name}`,
        line: null,
      },
    });
  }

  async submit(input: {
    code: string;
    parameters: ParameterValues;
    comment: string;
  }): Promise<Record<string, unknown>> {
    const applied = Object.keys(input.parameters).length ? applyParameters(input.code, input.parameters) : undefined;
    if (applied && !applied.ok) {
      return this.reject(`the parameters do not fit the script: ${JSON.stringify(applied.problems)}`, undefined);
    }
    const code = applied?.ok ? applied.code : input.code;
    const rendered = await this.renderOnce(code);
    const { attempt } = rendered;
    if (!rendered.ok) {
      const { type, message, line } = rendered.error;
      return this.reject(`it does not render: ${type}: ${message}${line ? ` (line ${line})` : ""}`, attempt, line);
    }
    if (rendered.problems.length) return this.reject(rendered.problems.join("; "), attempt);
    if (this.options.vision && !this.looked.has(code)) {
      return this.reject(
        "look at this exact code's render first (render it, then call look), then submit again",
        attempt,
      );
    }
    const kept = await this.keepable(code);
    if (!kept.ok) return this.reject(`its files could not be made: ${kept.problem}`, attempt);
    this.submission = { code, comment: input.comment, result: kept.result };
    return this.record(
      "submit",
      { output: { accepted: true }, step: { tool: "submit", ok: true, summary: "submitted", line: null } },
      attempt,
    );
  }

  /** A model without tools answered with something other than the JSON asked for. */
  async malformed(text: string): Promise<void> {
    const number = ++this.attemptCount;
    this.tried.push(`attempt ${number}: not the structured answer asked for`);
    await this.record(
      "submit",
      { output: {}, step: { tool: "submit", ok: false, summary: "answer was not the code asked for", line: null } },
      {
        number,
        code: text,
        outcome: "malformed",
        problem: "The answer was not the structured output asked for (plan, code, parameters, comment).",
        line: null,
      },
    );
  }

  private reject(problem: string, attempt: QueryAttempt | undefined, line: number | null = null) {
    this.tried.push(`submit rejected: ${problem}`);
    return this.record(
      "submit",
      {
        output: { accepted: false, problem, next: "Fix the code, render and check it, then submit again." },
        step: { tool: "submit", ok: false, summary: `not accepted: ${problem}`.slice(0, 300), line },
      },
      attempt,
    );
  }

  /**
   * Each distinct script renders once per query, however often it is rendered, looked at or submitted; the
   * call that rendered it gets the attempt to record.
   */
  private async renderOnce(code: string): Promise<Rendered & { attempt?: QueryAttempt }> {
    const known = this.renders.get(code);
    if (known) return known;
    const pending = this.doRender(code);
    this.renders.set(code, pending);
    const rendered = await pending;
    return { ...rendered, attempt: attemptOf(rendered, code) };
  }

  /** The accepted code once more, with every format and preview: formats are made only for what is kept. */
  private async keepable(code: string): Promise<{ ok: true; result: RenderResult } | { ok: false; problem: string }> {
    const { renderer, caller, signal } = this.options;
    try {
      return { ok: true, result: await renderer.render({ code, quality: QUALITY, caller }, signal) };
    } catch (err) {
      if (!(err instanceof RenderScriptError)) throw err;
      this.tried.push(`export: ${err.type}: ${err.message}`);
      return { ok: false, problem: `${err.type}: ${err.message}` };
    }
  }

  /** An exploratory render: metrics, and the previews only for a model that can look at them; no files. */
  private async doRender(code: string): Promise<Rendered> {
    const { renderer, caller, signal, brief, onStage, vision } = this.options;
    const number = ++this.attemptCount;
    await onStage?.("rendering", number);
    try {
      const views = vision ? [...PREVIEW_VIEWS] : [];
      const result = await renderer.render(
        { code, quality: QUALITY, caller, formats: [], previews: { views } },
        signal,
      );
      const problems = contradictions(brief, result.metrics, result.kind);
      this.last = { code, result };
      this.tried.push(problems.length ? `render ${number}: ${problems.join("; ")}` : `render ${number}: rendered`);
      if (problems.length) await onStage?.("repairing", number);
      return { number, ok: true, result, problems };
    } catch (err) {
      if (!(err instanceof RenderScriptError)) throw err;
      this.tried.push(`render ${number}: ${err.type}: ${err.message}`);
      await onStage?.("repairing", number);
      return { number, ok: false, error: err };
    }
  }

  private async record(tool: QueryTool, answer: ToolAnswer, attempt?: QueryAttempt): Promise<Record<string, unknown>> {
    const step: QueryStep = { number: ++this.stepCount, ...answer.step, tool };
    await this.options.onStep(step, attempt);
    return answer.output;
  }
}

function attemptOf(rendered: Rendered, code: string): QueryAttempt {
  const { number } = rendered;
  if (!rendered.ok) {
    const { type, message, line } = rendered.error;
    return { number, code, outcome: "render_failed", problem: `${type}: ${message}`, line };
  }
  return rendered.problems.length
    ? { number, code, outcome: "contradicts_brief", problem: rendered.problems.join("; "), line: null }
    : { number, code, outcome: "rendered", problem: null, line: null };
}

function errorWords(type: string): string {
  const words: Record<string, string> = {
    syntax: "syntax error",
    runtime: "error",
    timeout: "took too long",
    memory: "ran out of memory",
    disk: "wrote more files than a job may",
    forbidden: "used something not allowed",
    no_result: "bound no root_part",
    export: "could not export",
  };
  return words[type] ?? `${type} error`;
}
