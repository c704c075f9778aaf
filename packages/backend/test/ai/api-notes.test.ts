import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseApiNotes } from "../../src/ai/knowledge/api-notes.js";
import { PROMPTS_DIR } from "../../src/ai/knowledge/prompts.js";

// The lookup_api notes are what the code model trusts over its memory: a name that build123d does not have,
// or a snippet that is not Python, would teach it the very mistakes the notes exist to prevent.

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const python = path.join(repoRoot, "services/build123d/.venv/bin/python");
const entries = parseApiNotes(readFileSync(path.join(PROMPTS_DIR, "api.md"), "utf8"));
const snippets = entries.flatMap((entry) =>
  [...entry.text.matchAll(/```python\n([\s\S]*?)```/g)].map((match) => ({ name: entry.name, code: match[1]! })),
);

// Headings name top-level build123d objects, or ShapeList's selectors (what `p.faces().filter_by` calls).
const CHECK = `
import json, sys
import build123d
request = json.load(sys.stdin)
missing = [n for n in request["names"] if not (hasattr(build123d, n) or hasattr(build123d.ShapeList, n))]
invalid = []
for snippet in request["snippets"]:
    try:
        compile(snippet["code"], snippet["name"], "exec")
    except SyntaxError as exc:
        invalid.append(f"{snippet['name']}: {exc}")
print(json.dumps({"missing": missing, "invalid": invalid}))
`;

function checkWithBuild123d(): { missing: string[]; invalid: string[] } {
  const input = JSON.stringify({ names: entries.map((e) => e.name), snippets });
  const output = execFileSync(python, ["-c", CHECK], { input, encoding: "utf8", timeout: 60_000 });
  return JSON.parse(output.trim().split("\n").pop()!);
}

describe("the build123d API notes", () => {
  it("when the notes are read, then there are at least 45 sections, each with a signature and a snippet", () => {
    expect(entries.length).toBeGreaterThanOrEqual(45);
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    for (const entry of entries) {
      expect(entry.text, entry.name).toMatch(/^`[^`]+`/m);
      expect(entry.text, entry.name).toMatch(/```python\n/);
    }
  });

  it("when the notes name the builders, shapes and operations the code model uses, then each has a section", () => {
    const names = new Set(entries.map((e) => e.name));
    for (const name of [
      "BuildPart",
      "BuildSketch",
      "BuildLine",
      "Hole",
      "extrude",
      "revolve",
      "sweep",
      "Helix",
      "Text",
    ])
      expect(names.has(name), name).toBe(true);
  });

  it("when the installed build123d checks the notes, then every heading exists and every snippet is valid Python", () => {
    expect(checkWithBuild123d()).toEqual({ missing: [], invalid: [] });
  });
});
