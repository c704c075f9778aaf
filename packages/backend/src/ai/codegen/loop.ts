import { ParameterValuesSchema } from "@chat3d/shared";
import {
  generateText,
  isStepCount,
  NoObjectGeneratedError,
  Output,
  tool,
  wrapLanguageModel,
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
} from "ai";
import { z } from "zod";
import type { CodegenSession, Submission } from "./session.js";
import { MeasureQuerySchema } from "./measure.js";
import { appWords, ownWords } from "./own-words.js";
import type { UsableModel } from "../providers/registry.js";
import { withProviderRetries } from "../providers/retry.js";
import { imagePart, type PromptPart } from "../providers/parts.js";

/** What one query may spend in the code model's loop; operators set them (see the README). */
export interface CodegenLimits {
  /** Model turns in the tool loop (each may call several tools). */
  steps: number;
  /** Tries of a model without tools: write, render, check. */
  attempts: number;
  /** Input plus output tokens over the whole query, both stages. */
  tokens: number;
  /** Wall time of the code stage. */
  seconds: number;
  /** Cost of the whole query, in US dollars (from the models file's prices). */
  costUsd: number;
}

export interface Spend {
  input: number;
  output: number;
  cost: number;
}

export interface CodegenRun {
  model: UsableModel;
  session: CodegenSession;
  system: string;
  prompt: PromptPart[];
  limits: CodegenLimits;
  /** What the query had spent before this stage (the conversation, an earlier run). */
  spentBefore: Spend;
  signal: AbortSignal;
  retries: number;
  callTimeoutMs: number;
  /** Every model call's usage as it happens, so the cost on record is true even if the loop dies. */
  onUsage(spend: Spend): Promise<void>;
}

export type CodegenOutcome = { submission: Submission } | { failure: string };

/** A run that went past one of its limits: said in words, with what was tried. */
class LimitReached extends Error {}

export const priceOf = (usage: LanguageModelUsage, model: UsableModel): Spend => {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  return { input, output, cost: (input * model.price.input + output * model.price.output) / 1_000_000 };
};

/** Each call to the provider retried on its own (429, 5xx, timeouts), so a retry never repeats a tool. */
function retrying(model: LanguageModel, retries: number, signal: AbortSignal) {
  if (typeof model === "string") throw new Error("models are resolved by the registry, never by name");
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: "v4",
      wrapGenerate: ({ doGenerate }) => withProviderRetries(async () => doGenerate(), { retries, signal }),
    },
  });
}

/** Tracks the query's spend against its limits. */
class Budget {
  private spent: Spend;
  constructor(
    private readonly run: CodegenRun,
    private readonly startedAt = Date.now(),
  ) {
    this.spent = { ...run.spentBefore };
  }

  async add(spend: Spend) {
    this.spent = {
      input: this.spent.input + spend.input,
      output: this.spent.output + spend.output,
      cost: this.spent.cost + spend.cost,
    };
    await this.run.onUsage(spend);
  }

  /** Which limit is used up, in words, or undefined. */
  exceeded(): string | undefined {
    const { limits } = this.run;
    if (this.spent.input + this.spent.output >= limits.tokens) return `its budget of ${limits.tokens} tokens`;
    if (this.spent.cost >= limits.costUsd) return `its budget of $${limits.costUsd.toFixed(2)}`;
    if (Date.now() - this.startedAt >= limits.seconds * 1000) return `its time limit of ${limits.seconds} s`;
    return undefined;
  }
}

const failure = (session: CodegenSession, why: string): CodegenOutcome => ({
  failure: `${why}${session.tried.length ? ` What it tried: ${session.tried.slice(-6).join("; ")}.` : ""}`,
});

/** Runs the code stage: the tool loop for models with tool calls, write-render-repair for the others. */
export function runCodegen(run: CodegenRun): Promise<CodegenOutcome> {
  return run.model.info.supports_tools ? runToolLoop(run) : runStructuredLoop(run);
}

const SubmitInputSchema = z.object({
  code: z.string().describe("The complete build123d script, binding root_part"),
  parameters: ParameterValuesSchema.describe("Values for # @param constants by name; may be empty"),
  comment: z.string().describe("One or two sentences for the person about what was made"),
});

function toolsFor(session: CodegenSession) {
  return {
    render: tool({
      description: "Run a build123d script in the sandbox and report its geometry, or the error and its line.",
      inputSchema: z.object({ code: z.string().describe("The complete script, binding root_part") }),
      execute: ({ code }) => session.render(code),
    }),
    look: tool({
      description: "See the previews of the last render (iso, front, top, right), or a description of them.",
      inputSchema: z.object({}),
      execute: () => session.look(),
    }),
    measure: tool({
      description: "Exact measurements from the B-rep of the last render.",
      inputSchema: MeasureQuerySchema,
      execute: (query) => session.measure(query),
    }),
    search_examples: tool({
      description: "Find worked build123d examples close to a request or a technique.",
      inputSchema: z.object({ text: z.string().describe("e.g. 'polar hole pattern', 'box with a lid'") }),
      execute: ({ text }) => session.searchExamples(text),
    }),
    lookup_api: tool({
      description: "Notes on a build123d class or function: signature, what it does, pitfalls, a snippet.",
      inputSchema: z.object({ name: z.string().describe("e.g. 'CounterBoreHole', 'fillet', 'PolarLocations'") }),
      execute: ({ name }) => session.lookupApi(name),
    }),
    submit: tool({
      description:
        "Hand the finished part over. Checked by code against the brief; a refusal says what to fix, with numbers.",
      inputSchema: SubmitInputSchema,
      execute: (input) => session.submit(input),
    }),
  };
}

const LOOK_NOTE = "The previews of your last look (iso, front, top, right):";

/** The accepted submission, its comment in the model's own words only (no echo of the app's tool text). */
function handOver(session: CodegenSession, messages: ModelMessage[], notes: string[]): CodegenOutcome {
  const submission = session.submission!;
  return { submission: { ...submission, comment: ownWords(submission.comment, appWords(messages, notes)) } };
}

const NUDGE =
  "You stopped without calling submit. The part is only handed over through submit: fix what is wrong, check it, and call submit.";

/**
 * The bounded tool loop: the model renders, looks, measures and submits, until `submit` accepts, or a
 * limit (turns, tokens, cost, time) ends it with what was tried. A model that stops talking without
 * submitting is reminded once.
 */
async function runToolLoop(run: CodegenRun): Promise<CodegenOutcome> {
  const { session, limits, model } = run;
  const budget = new Budget(run);
  const deadline = AbortSignal.timeout(limits.seconds * 1000);
  const signal = AbortSignal.any([run.signal, deadline]);
  const messages: ModelMessage[] = [{ role: "user", content: run.prompt }];
  let turns = 0;
  let nudged = false;
  try {
    while (!session.submission) {
      if (turns >= limits.steps) {
        throw new LimitReached(`The code model took its ${limits.steps} steps without a part that passes the checks.`);
      }
      const over = budget.exceeded();
      if (over) throw new LimitReached(`The code model used up ${over} before its part passed the checks.`);
      const result = await generateText({
        model: retrying(model.model, run.retries, signal),
        system: run.system,
        messages,
        tools: toolsFor(session),
        stopWhen: [
          isStepCount(limits.steps - turns),
          () => Boolean(session.submission),
          () => Boolean(budget.exceeded()),
        ],
        // The newest previews go in front of the model as images after it looks; older ones are stale.
        prepareStep: ({ messages: current }) =>
          session.latestLook
            ? {
                messages: [
                  ...current,
                  {
                    role: "user",
                    content: [
                      { type: "text", text: LOOK_NOTE },
                      ...session.latestLook.images.map((i) => imagePart(i.data, "image/png")),
                    ],
                  },
                ],
              }
            : undefined,
        onStepEnd: async (step) => {
          turns += 1;
          await budget.add(priceOf(step.usage, model));
        },
        maxRetries: 0,
        abortSignal: signal,
        timeout: { stepMs: run.callTimeoutMs },
      });
      messages.push(...result.response.messages);
      if (session.submission) break;
      const stoppedTalking = result.finishReason !== "tool-calls";
      if (stoppedTalking) {
        if (nudged) return failure(session, "The code model stopped without submitting a part.");
        nudged = true;
        messages.push({ role: "user", content: NUDGE });
      }
    }
    return handOver(session, messages, [LOOK_NOTE, NUDGE]);
  } catch (err) {
    if (err instanceof LimitReached) return failure(session, err.message);
    if (deadline.aborted && !run.signal.aborted) {
      return failure(
        session,
        `The code model used up its time limit of ${limits.seconds} s before its part passed the checks.`,
      );
    }
    throw err;
  }
}

/** The structured answer of a model without tools. */
export const CodegenOutputSchema = z.object({
  plan: z.string().describe("How the part is built, in a few lines"),
  code: z.string().describe("The complete build123d script, binding root_part"),
  parameters: z
    .record(z.string(), z.union([z.number(), z.boolean(), z.string()]))
    .describe("The value of each # @param constant, by name"),
  comment: z.string().describe("One or two sentences for the person about what was made"),
});

/**
 * For models without tool calls: write, render and check by code, and give the problem back, up to the
 * step limit. The same session and checks as the tool loop, so the gate is the same.
 */
async function runStructuredLoop(run: CodegenRun): Promise<CodegenOutcome> {
  const { session, limits, model } = run;
  const budget = new Budget(run);
  const signal = AbortSignal.any([run.signal, AbortSignal.timeout(limits.seconds * 1000)]);
  const feedback: string[] = [];
  for (let attempt = 1; attempt <= limits.attempts; attempt++) {
    const over = budget.exceeded();
    if (over) return failure(session, `The code model used up ${over} before its part passed the checks.`);
    const prompt: PromptPart[] = feedback.length
      ? [...run.prompt, { type: "text", text: feedback.at(-1)! }]
      : run.prompt;
    let answer: z.infer<typeof CodegenOutputSchema>;
    try {
      const result = await generateText({
        model: retrying(model.model, run.retries, signal),
        system: run.system,
        messages: [{ role: "user", content: prompt }],
        output: Output.object({ schema: CodegenOutputSchema }),
        maxRetries: 0,
        abortSignal: signal,
        timeout: { stepMs: run.callTimeoutMs },
      });
      await budget.add(priceOf(result.totalUsage, model));
      answer = result.output;
    } catch (err) {
      if (!NoObjectGeneratedError.isInstance(err)) throw err;
      if (err.usage) await budget.add(priceOf(err.usage, model));
      await session.malformed(err.text ?? "");
      feedback.push(
        "Your previous answer was not the JSON object asked for (plan, code, parameters, comment). Answer with exactly that object.",
      );
      continue;
    }
    // The values are in the code already; the echo of them is not applied, so a stale echo cannot undo a fix.
    const verdict = await session.submit({ code: answer.code, parameters: {}, comment: answer.comment });
    if (session.submission) return handOver(session, [], feedback);
    feedback.push(
      `Your previous attempt (attempt ${attempt}) failed: ${String(verdict.problem)}.\nIts code:\n\`\`\`python\n${answer.code}\n\`\`\`\nFix it.`,
    );
  }
  return failure(
    session,
    `The code model could not produce a part that renders as asked after ${limits.attempts} attempts.`,
  );
}
