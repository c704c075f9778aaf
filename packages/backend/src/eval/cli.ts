import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { startLocalRenderService } from "../lib/local-render-service.js";
import { createLogger } from "../lib/logger.js";
import { loadPrompts } from "../ai/knowledge/prompts.js";
import { LlmRegistry, type ModelOverrides } from "../ai/providers/registry.js";
import { RenderRepository } from "../repositories/render.repository.js";
import { renderReport } from "./report.js";
import { runEval, taskLine, type EvalSubject, type ReportedTask } from "./run-eval.js";
import { globMatcher, loadTasks } from "./tasks.js";

const USAGE = `Usage: npm run eval -- --provider P --model M [options]

  --provider P             anthropic | openai | xai | ollama, or "reference" (each task's own solution:
                           checks the render service and the suite, no model)
  --model M                the model's name at that provider, e.g. claude-sonnet-4-5, qwen2.5-coder:14b
  --conversation-model ID  a different model for the brief, as provider:model (default: the same)
  --tasks GLOB[,GLOB…]     only the tasks whose id matches one, e.g. 'plate-*' or '*gear*,cube-20'
  --concurrency N          tasks at a time (default 1)
  --out DIR                where report.html and results.jsonl go (default eval-results/<time>)
  --min-pass-rate R        exit 1 when fewer than R (0–1) of the tasks pass
  --list                   print the task ids and stop

Providers are configured as for the server (ANTHROPIC_API_KEY, OPENAI_API_KEY, OPENAI_BASE_URL,
OLLAMA_BASE_URL…); limits come from LLM_CODEGEN_MAX_STEPS, LLM_QUERY_MAX_TOKENS and friends. Without
BUILD123D_URL the render service is started from this checkout's venv.`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Tests give mock models instead of providers. */
  models?: ModelOverrides;
}

/** `npm run eval`: one JSON line per task, a summary line last, and an HTML report; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      provider: { type: "string" },
      model: { type: "string" },
      "conversation-model": { type: "string" },
      tasks: { type: "string" },
      concurrency: { type: "string", default: "1" },
      out: { type: "string" },
      "min-pass-rate": { type: "string" },
      list: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return (io.out(USAGE), 0);
  const patterns = values.tasks?.split(",").map(globMatcher);
  const tasks = loadTasks().filter((t) => !patterns || patterns.some((matches) => matches(t.id)));
  if (values.list) {
    for (const t of tasks) io.out(`${t.id}\t${t.difficulty}\t${t.title}`);
    return 0;
  }
  if (!tasks.length) return (io.err(`No task matches ${values.tasks}.`), 2);
  if (!values.provider || (values.provider !== "reference" && !values.model)) return (io.err(USAGE), 2);

  // The eval talks to providers and the render service only; the server's database is never opened.
  const config = loadConfig({ DATABASE_URL: "postgres://127.0.0.1/unused-by-the-eval", ...io.env });
  const prompts = loadPrompts();
  let subject: EvalSubject = "reference";
  if (values.provider !== "reference") {
    const registry = new LlmRegistry({ config, logger: createLogger("warn"), overrides: io.models });
    const codegenId = `${values.provider}:${values.model}`;
    subject = {
      codegen: await registry.resolve(codegenId, "codegen"),
      conversation: await registry.resolve(values["conversation-model"] ?? codegenId, "conversation"),
    };
  }

  const local = io.env.BUILD123D_URL ? undefined : await startLocalRenderService();
  const out = values.out ?? path.join("eval-results", new Date().toISOString().replace(/[:.]/g, "-"));
  mkdirSync(out, { recursive: true });
  const reported: ReportedTask[] = [];
  try {
    const summary = await runEval({
      tasks,
      subject,
      renderer: new RenderRepository(io.env.BUILD123D_URL ?? local!.url),
      prompts,
      limits: {
        steps: config.LLM_CODEGEN_MAX_STEPS,
        attempts: config.LLM_REPAIR_ATTEMPTS + 1,
        tokens: config.LLM_QUERY_MAX_TOKENS,
        seconds: config.LLM_QUERY_MAX_SECONDS,
        costUsd: config.LLM_QUERY_MAX_COST_USD,
      },
      retries: config.LLM_MAX_RETRIES,
      callTimeoutMs: config.LLM_TIMEOUT_S * 1000,
      concurrency: Math.max(1, Number(values.concurrency) || 1),
      onResult: (result) => {
        reported.push(result);
        io.out(JSON.stringify(taskLine(result)));
      },
    });
    io.out(JSON.stringify(summary));
    const order = new Map(tasks.map((t, i) => [t.id, i]));
    reported.sort((a, b) => order.get(a.task)! - order.get(b.task)!);
    writeFileSync(path.join(out, "report.html"), renderReport(summary, reported));
    writeFileSync(
      path.join(out, "results.jsonl"),
      [...reported.map((r) => JSON.stringify(taskLine(r))), JSON.stringify(summary)].join("\n") + "\n",
    );
    io.err(`Report: ${path.join(out, "report.html")}`);
    const floor = values["min-pass-rate"] === undefined ? undefined : Number(values["min-pass-rate"]);
    return floor !== undefined && summary.pass_rate < floor ? 1 : 0;
  } finally {
    await local?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  }).then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    },
  );
}
