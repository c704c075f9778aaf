import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const EVAL_TASKS_DIR = fileURLToPath(new URL("../../eval/tasks", import.meta.url));

const FeatureSchema = z.strictObject({
  diameter: z.number().positive(),
  count: z.number().int().nonnegative(),
});

/** What a result must measure to pass; every number follows from the task's prompt. Strict, so a misspelt check fails loudly instead of never being tested. */
export const EvalChecksSchema = z.strictObject({
  kind: z.enum(["solid", "2d"]),
  watertight: z.boolean().optional(),
  solids: z.number().int().nonnegative().optional(),
  /** Extents in mm, ±1 mm per axis. */
  bounding_box: z.tuple([z.number(), z.number(), z.number()]).optional(),
  /** "any" (the default) compares sorted extents: a plain-language prompt rarely says which way is up. */
  orientation: z.enum(["any", "exact"]).optional(),
  /** mm³, ±2 %. */
  volume: z.number().positive().optional(),
  holes: z.array(FeatureSchema).optional(),
  bosses: z.array(FeatureSchema).optional(),
  min_faces: z.number().int().positive().optional(),
  /** 2D results, mm², ±2 %. */
  area: z.number().positive().optional(),
});
export type EvalChecks = z.infer<typeof EvalChecksSchema>;

export const EvalTaskSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a kebab-case id"),
  title: z.string().min(1),
  difficulty: z.enum(["trivial", "easy", "medium", "hard"]),
  tags: z.array(z.string()),
  prompt: z.string().min(1),
  checks: EvalChecksSchema,
});

export type EvalTask = z.infer<typeof EvalTaskSchema> & {
  /** The reference solution's build123d code, proof that the task can be done and its checks are right. */
  reference: string;
};

/** Every task in `dir` (`<id>.json` with its `<id>.py`), sorted by id; `pattern` keeps the ids it matches (`plate-*`, `*gear*`). */
export function loadTasks(dir = EVAL_TASKS_DIR, pattern?: string): EvalTask[] {
  // The whole suite is read before filtering, so a broken task cannot hide behind a pattern.
  const tasks = readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => loadTask(dir, file));
  if (pattern === undefined) return tasks;
  const matches = globMatcher(pattern);
  return tasks.filter((task) => matches(task.id));
}

function loadTask(dir: string, file: string): EvalTask {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  } catch (err) {
    throw new Error(`eval task ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = EvalTaskSchema.safeParse(json);
  if (!parsed.success) throw new Error(`eval task ${file} is invalid:\n${z.prettifyError(parsed.error)}`);
  const name = file.replace(/\.json$/, "");
  if (parsed.data.id !== name)
    throw new Error(`eval task ${file} has the id "${parsed.data.id}"; it must be "${name}"`);
  const referenceFile = path.join(dir, `${name}.py`);
  if (!existsSync(referenceFile)) throw new Error(`eval task ${file} has no reference solution ${name}.py`);
  return { ...parsed.data, reference: readFileSync(referenceFile, "utf8") };
}

/** A whole-id glob: `*` is any run of characters, `?` exactly one, everything else itself. */
export function globMatcher(pattern: string): (id: string) => boolean {
  const source = [...pattern]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const regex = new RegExp(`^${source}$`);
  return (id) => regex.test(id);
}
