import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { main } from "../../src/eval/cli.js";
import { loadTasks, type EvalTask } from "../../src/eval/tasks.js";
import { ScriptedModel, usableModel, type Turn } from "../helpers/llm.js";

// `npm run eval` end to end with scripted mock models in place of a provider: the real conversation and
// code stages, the real render service, the real scoring — tested both ways, so a right answer passes and
// a wrong size fails.

const SUBSET = ["cube-20", "plate-six-holes", "gasket-outline", "enclosure-with-lid"];
const tasks = loadTasks().filter((t) => SUBSET.includes(t.id));
const renderUrl = inject("renderUrl");

/** The task a prompt is about: its words appear in the question (and, via the brief, in the code prompt). */
const taskOf = (options: LanguageModelV4CallOptions): EvalTask => {
  const text = JSON.stringify(options.prompt);
  const found = tasks.find((t) => text.includes(JSON.stringify(t.prompt).slice(1, -1)));
  if (!found) throw new Error("a prompt about no known task");
  return found;
};

/** A designer that hands every task over with a brief of its words, and a coder that submits `code(task)`. */
function mockProvider(name: string, code: (task: EvalTask) => string) {
  const designer: Turn = {
    reply: (options) => ({
      text: "",
      toolCall: {
        name: "generate_3d_model",
        input: {
          summary: taskOf(options).prompt,
          change_of_current: false,
          dimensions: [],
          features: [],
          holes: [],
          parts: [],
          single_solid: false,
          open_questions: [],
        },
      },
    }),
  };
  const coder: Turn = {
    reply: (options) => ({
      calls: [{ name: "submit", input: { code: code(taskOf(options)), parameters: {}, comment: "Done." } }],
    }),
  };
  return {
    conversation: new ScriptedModel(`anthropic:${name}-designer`, [designer]),
    codegen: new ScriptedModel(`anthropic:${name}`, [coder]),
  };
}

async function evaluate(args: string[], provider?: ReturnType<typeof mockProvider>) {
  const out = mkdtempSync(path.join(tmpdir(), "chat3d-eval-"));
  const lines: string[] = [];
  const code = await main([...args, "--out", out], {
    out: (line) => lines.push(line),
    err: () => undefined,
    env: { BUILD123D_URL: renderUrl, LLM_MAX_RETRIES: "0" },
    models: provider && [usableModel(provider.conversation), usableModel(provider.codegen)],
  });
  const parsed = lines.map((l) => JSON.parse(l));
  return { code, results: parsed.slice(0, -1), summary: parsed.at(-1), out };
}

describe("npm run eval", () => {
  it("when the model answers each task with a right part, then every task passes, the summary says so, and the report shows them", async () => {
    const right = mockProvider("right", (task) => task.reference);
    const { code, results, summary, out } = await evaluate(
      [
        "--provider",
        "anthropic",
        "--model",
        "right",
        "--conversation-model",
        "anthropic:right-designer",
        "--tasks",
        SUBSET.join(","),
      ],
      right,
    );
    expect(code).toBe(0);
    expect(results.map((r) => [r.task, r.pass, r.reasons])).toEqual([...SUBSET].sort().map((id) => [id, true, []]));
    expect(summary).toMatchObject({
      summary: "eval",
      pass_rate: 1,
      tasks: 4,
      passed: 4,
      tokens: expect.any(Number),
      cost_usd: expect.any(Number),
      seconds: expect.any(Number),
      codegen_model: "anthropic:right",
    });
    expect(summary.tokens).toBeGreaterThan(0);
    const html = readFileSync(path.join(out, "report.html"), "utf8");
    expect(html).toContain("4 of 4 passed");
    expect(html.match(/<img alt="iso view of/g)).toHaveLength(4);
    expect(readFileSync(path.join(out, "results.jsonl"), "utf8").trim().split("\n")).toHaveLength(5);
  });

  it("when the model makes every part 10 % too big, then each task fails with its measured size and the floor fails the run", async () => {
    const big = mockProvider("big", (task) => `${task.reference}\nroot_part = scale(root_part, by=1.1)\n`);
    const { code, results, summary } = await evaluate(
      [
        "--provider",
        "anthropic",
        "--model",
        "big",
        "--conversation-model",
        "anthropic:big-designer",
        "--tasks",
        SUBSET.join(","),
        "--min-pass-rate",
        "0.5",
      ],
      big,
    );
    expect(code).toBe(1);
    expect(summary).toMatchObject({ pass_rate: 0, passed: 0, tasks: 4 });
    for (const r of results) {
      expect(r.pass).toBe(false);
      expect(r.reasons.join("; ")).toMatch(/bounding box|area|volume/);
    }
    const cube = results.find((r) => r.task === "cube-20");
    expect(cube.measured.size).toEqual([22, 22, 22]);
  });

  it("when the reference solutions are run, then the render service and the suite check out without a model", async () => {
    const { code, summary } = await evaluate(["--provider", "reference", "--tasks", "cube-20"]);
    expect([code, summary.pass_rate, summary.codegen_model]).toEqual([0, 1, "reference"]);
  });

  it("when asked for the list, or given a pattern that matches nothing or no model, then it says so without running", async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => errors.push(l), env: {} };
    expect(await main(["--list"], io)).toBe(0);
    expect(lines.length).toBeGreaterThanOrEqual(25);
    expect(lines[0]).toMatch(/^[a-z0-9-]+\t(trivial|easy|medium|hard)\t/);
    expect(await main(["--provider", "openai", "--model", "x", "--tasks", "nothing-like-this"], io)).toBe(2);
    expect(await main(["--provider", "openai"], io)).toBe(2);
    expect(errors.join("\n")).toMatch(/No task matches nothing-like-this[\s\S]*Usage: npm run eval/);
    expect(existsSync("eval-results")).toBe(false);
  });
});
