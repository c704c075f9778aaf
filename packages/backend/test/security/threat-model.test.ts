import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const page = readFileSync(`${root}docs/security.md`, "utf8");

// The threats issue 17 asks the model to cover, each by a word its heading must hold.
const THREATS = [
  "untrusted CAD code",
  "prompt injection",
  "account takeover",
  "enumeration",
  "cross-site request forgery",
  "direct object references",
  "server-side request forgery",
  "upload abuse",
  "email header injection",
  "share-link guessing",
];

interface Reference {
  section: string;
  file: string;
  test: string;
}

/** The `- \`file\` — test name` lines of a page, under the `## ` heading each sits in. */
function references(markdown: string): Reference[] {
  const found: Reference[] = [];
  let section = "";
  for (const line of markdown.split("\n")) {
    const heading = line.match(/^## (.+)$/);
    if (heading) section = heading[1]!;
    const ref = line.match(/^- `([^`]+)` — (.+)$/);
    if (ref) found.push({ section, file: ref[1]!, test: ref[2]!.trim() });
  }
  return found;
}

/** The references that do not name an existing test: a missing file, or no test with exactly that title in it. */
function missing(refs: Reference[], read: (file: string) => string | undefined): string[] {
  return refs
    .filter(({ file, test }) => {
      const text = read(file);
      if (text === undefined) return true;
      if (file.endsWith(".py")) return !text.includes(`def ${test}(`);
      return ![`"${test}"`, `'${test}'`, `\`${test}\``].some((quoted) => text.includes(quoted));
    })
    .map(({ file, test }) => `${file} — ${test}`);
}
const readRepo = (file: string) => (existsSync(`${root}${file}`) ? readFileSync(`${root}${file}`, "utf8") : undefined);

describe("docs/security.md", () => {
  const refs = references(page);

  it("when every threat of the model is looked for, then each has a section that names at least one test", () => {
    for (const threat of THREATS) {
      const inSection = refs.filter((r) => r.section.toLowerCase().includes(threat.toLowerCase()));
      expect(inSection.length, threat).toBeGreaterThan(0);
    }
  });

  it("when the page names a test, then that file exists and holds a test with exactly that name", () => {
    expect(refs.length).toBeGreaterThan(30);
    expect(missing(refs, readRepo)).toEqual([]);
  });

  it("when a reference names a missing file, a renamed test or a mere substring of a title, then the check reports it", () => {
    const bad = references(
      [
        "## 1. Untrusted CAD code",
        "- `packages/backend/test/api/nowhere.test.ts` — when anything, then nothing",
        "- `packages/backend/test/api/chat.test.ts` — when another person uses my chat's id",
        "- `services/build123d/tests/sandbox/test_policy.py` — test_when_a_script_reaches_for",
        "- `packages/backend/test/api/files.test.ts` — when the upload is over the limit, then it answers 413 and nothing of it stays in storage",
      ].join("\n"),
    );
    expect(bad.every((r) => r.section === "1. Untrusted CAD code")).toBe(true);
    expect(missing(bad, readRepo)).toEqual([
      "packages/backend/test/api/nowhere.test.ts — when anything, then nothing",
      "packages/backend/test/api/chat.test.ts — when another person uses my chat's id",
      "services/build123d/tests/sandbox/test_policy.py — test_when_a_script_reaches_for",
    ]);
  });
});
