import type { QueryStep } from "@chat3d/shared";
import { runCodegen, type CodegenLimits, type Spend } from "../ai/codegen/loop.js";
import { codegenPrompt } from "../ai/codegen/prompt.js";
import { CodegenSession } from "../ai/codegen/session.js";
import { converse } from "../ai/conversation.js";
import { indexExamples, searchExamples } from "../ai/knowledge/example-search.js";
import { codegenSystemPrompt, type Prompts } from "../ai/knowledge/prompts.js";
import type { UsableModel } from "../ai/providers/registry.js";
import { ProviderFailure, withProviderRetries } from "../ai/providers/retry.js";
import { RenderScriptError, type RenderRepository, type RenderResult } from "../repositories/render.repository.js";
import { score } from "./score.js";
import type { EvalTask } from "./tasks.js";

/** One task's outcome: the JSON line printed for it, and what the HTML report shows besides. */
export interface TaskResult {
  task: string;
  title: string;
  difficulty: EvalTask["difficulty"];
  pass: boolean;
  /** Why it failed, with numbers; empty when it passed. */
  reasons: string[];
  /** Where it ended: the conversation handed no brief, the code loop gave up, or the result was scored. */
  stage: "conversation" | "codegen" | "scored";
  steps: number;
  tokens: number;
  cost_usd: number;
  seconds: number;
  measured: { size: number[]; volume: number | null; solids: number; watertight: boolean } | null;
}

export interface ReportedTask extends TaskResult {
  prompt: string;
  code: string | null;
  stepList: QueryStep[];
  previews: Record<string, string>;
}

export interface EvalSummary {
  summary: "eval";
  pass_rate: number;
  tasks: number;
  passed: number;
  tokens: number;
  cost_usd: number;
  seconds: number;
  conversation_model: string;
  codegen_model: string;
  prompt_version: string;
}

/** Where the code comes from: the models under test, or each task's reference solution (a self-check). */
export type EvalSubject = { conversation: UsableModel; codegen: UsableModel } | "reference";

export interface EvalRun {
  tasks: EvalTask[];
  subject: EvalSubject;
  renderer: RenderRepository;
  prompts: Prompts;
  limits: CodegenLimits;
  retries: number;
  callTimeoutMs: number;
  concurrency: number;
  onResult(result: ReportedTask): void;
  signal?: AbortSignal;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const total = (s: Spend) => s.input + s.output;

function measured(result: RenderResult): TaskResult["measured"] {
  const m = result.metrics;
  return {
    size: m.bounding_box.size.map((v) => round(v, 2)),
    volume: m.volume == null ? null : round(m.volume, 1),
    solids: m.solids,
    watertight: m.watertight,
  };
}

/**
 * Runs every task through the real pipeline's stages (the conversation model's brief, the code model's
 * tool loop with its gate and limits, the render service), then scores the result against the task's
 * geometric checks. Nothing is stored: an eval needs a render service and a provider, not a database.
 */
export async function runEval(run: EvalRun): Promise<EvalSummary> {
  const started = Date.now();
  const examples = indexExamples(run.prompts.examples);
  const results: ReportedTask[] = [];
  const queue = [...run.tasks];
  const worker = async () => {
    for (let task = queue.shift(); task; task = queue.shift()) {
      const result = await runTask(run, task, examples);
      results.push(result);
      run.onResult(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, run.concurrency) }, worker));
  const passed = results.filter((r) => r.pass).length;
  const subject = run.subject;
  return {
    summary: "eval",
    pass_rate: results.length ? round(passed / results.length, 4) : 0,
    tasks: results.length,
    passed,
    tokens: results.reduce((s, r) => s + r.tokens, 0),
    cost_usd: round(
      results.reduce((s, r) => s + r.cost_usd, 0),
      4,
    ),
    seconds: round((Date.now() - started) / 1000, 1),
    conversation_model: subject === "reference" ? "reference" : subject.conversation.info.id,
    codegen_model: subject === "reference" ? "reference" : subject.codegen.info.id,
    prompt_version: run.prompts.version,
  };
}

async function runTask(
  run: EvalRun,
  task: EvalTask,
  examples: ReturnType<typeof indexExamples>,
): Promise<ReportedTask> {
  const started = Date.now();
  const spend: Spend = { input: 0, output: 0, cost: 0 };
  const steps: QueryStep[] = [];
  const base = { task: task.id, title: task.title, difficulty: task.difficulty, prompt: task.prompt };
  const finish = (
    outcome: Pick<TaskResult, "pass" | "reasons" | "stage">,
    result: RenderResult | null,
    code: string | null,
  ): ReportedTask => ({
    ...base,
    ...outcome,
    steps: steps.length,
    tokens: total(spend),
    cost_usd: round(spend.cost, 6),
    seconds: round((Date.now() - started) / 1000, 2),
    measured: result ? measured(result) : null,
    code,
    stepList: steps,
    previews: Object.fromEntries(
      Object.entries(result?.previews ?? {}).flatMap(([view, p]) => (p ? [[view, p.data.toString("base64")]] : [])),
    ),
  });
  const signal = run.signal ?? new AbortController().signal;

  try {
    if (run.subject === "reference") {
      const result = await run.renderer.render({ code: task.reference, caller: "eval" }, signal);
      return finish({ ...score(task, result), stage: "scored" }, result, task.reference);
    }
    const { conversation, codegen } = run.subject;
    const answered = await withProviderRetries(
      () =>
        converse({
          model: conversation,
          system: `${run.prompts.conversation}\n\nThe chat has no model yet.`,
          messages: [{ role: "user", content: task.prompt }],
          signal,
          timeoutMs: run.callTimeoutMs,
        }),
      { retries: run.retries, signal },
    );
    Object.assign(spend, answered.spend);
    if (!answered.brief) {
      return finish(
        {
          pass: false,
          stage: "conversation",
          reasons: [`the conversation model answered without a brief: "${answered.text.slice(0, 200)}"`],
        },
        null,
        null,
      );
    }
    const brief = answered.brief;
    const session = new CodegenSession({
      brief,
      renderer: run.renderer,
      caller: "eval",
      signal,
      vision: codegen.info.accepts_images,
      examples,
      api: run.prompts.api,
      onStep: async (step) => {
        steps.push(step);
      },
    });
    const outcome = await runCodegen({
      model: codegen,
      session,
      system: codegenSystemPrompt(run.prompts, codegen.info.supports_tools),
      prompt: codegenPrompt({
        brief,
        current: null,
        faces: [],
        images: [],
        examples: searchExamples(examples, [brief.summary, ...brief.features].join(" "), 2),
      }),
      limits: run.limits,
      spentBefore: { ...spend },
      signal,
      retries: run.retries,
      callTimeoutMs: run.callTimeoutMs,
      onUsage: async (s) => {
        spend.input += s.input;
        spend.output += s.output;
        spend.cost += s.cost;
      },
    });
    if ("failure" in outcome) {
      return finish(
        { pass: false, stage: "codegen", reasons: [outcome.failure] },
        session.lastRendered?.result ?? null,
        session.lastRendered?.code ?? null,
      );
    }
    const { result, code } = outcome.submission;
    return finish({ ...score(task, result), stage: "scored" }, result, code);
  } catch (err) {
    // One task's trouble (the provider, a script) is that task's result, not the end of the run.
    if (err instanceof ProviderFailure || err instanceof RenderScriptError) {
      return finish({ pass: false, stage: "codegen", reasons: [err.message] }, null, null);
    }
    throw err;
  }
}

/** The JSON line of a task: the report's extras (previews, code, steps) stay out of it. */
export function taskLine(r: ReportedTask): TaskResult {
  const { task, title, difficulty, pass, reasons, stage, steps, tokens, cost_usd, seconds, measured } = r;
  return { task, title, difficulty, pass, reasons, stage, steps, tokens, cost_usd, seconds, measured };
}
