import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

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
  cheatsheet: string;
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
    cheatsheet: read("cheatsheet.md"),
    examples,
  };
}

/** The code model's instructions: rules, the API cheat-sheet, then the worked examples. */
export function codegenSystemPrompt(prompts: Prompts): string {
  const examples = prompts.examples
    .map((e) => `### ${e.request}\n\n\`\`\`python\n${e.code.trim()}\n\`\`\``)
    .join("\n\n");
  return `${prompts.codegen}\n\n${prompts.cheatsheet}\n\n# Worked examples\n\n${examples}`;
}
