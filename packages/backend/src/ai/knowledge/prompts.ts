import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseApiNotes, type ApiEntry } from "./api-notes.js";

export const PROMPTS_DIR = fileURLToPath(new URL("../../../prompts", import.meta.url));

export interface WorkedExample {
  name: string;
  /** The plain-language request the example answers (its first comment line). */
  request: string;
  code: string;
}

/** The prompts and worked examples, versioned files rather than inline strings; the version goes on each query. */
export interface Prompts {
  version: string;
  conversation: string;
  codegen: string;
  /** Added for code models without tool calls: answer with one JSON object instead. */
  codegenStructured: string;
  cheatsheet: string;
  /** The `lookup_api` tool's notes, one per build123d name. */
  api: ApiEntry[];
  examples: WorkedExample[];
}

export function loadPrompts(dir = PROMPTS_DIR): Prompts {
  const read = (name: string) => readFileSync(path.join(dir, name), "utf8").trim();
  const examples = readdirSync(path.join(dir, "examples"))
    .filter((f) => f.endsWith(".py"))
    .sort()
    .map((file) => {
      const code = readFileSync(path.join(dir, "examples", file), "utf8");
      const request = code.match(/^# Request: (.+)$/m)?.[1];
      if (!request) throw new Error(`worked example ${file} does not start with "# Request: …"`);
      return { name: file.replace(/\.py$/, ""), request, code };
    });
  return {
    version: read("VERSION"),
    conversation: read("conversation.md"),
    codegen: read("codegen.md"),
    codegenStructured: read("codegen-structured.md"),
    cheatsheet: read("cheatsheet.md"),
    api: parseApiNotes(read("api.md")),
    examples,
  };
}

/** The code model's instructions: rules and tools, the API cheat-sheet, and for models without tools the JSON form. */
export function codegenSystemPrompt(prompts: Prompts, withTools: boolean): string {
  return [prompts.codegen, withTools ? "" : prompts.codegenStructured, prompts.cheatsheet].filter(Boolean).join("\n\n");
}

/** Worked examples in a prompt, each under its request. */
export function formatExamples(examples: WorkedExample[]): string {
  return examples.map((e) => `### ${e.request}\n\n\`\`\`python\n${e.code.trim()}\n\`\`\``).join("\n\n");
}
