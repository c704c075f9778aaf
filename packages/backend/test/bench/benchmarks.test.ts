import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const scripts = (JSON.parse(readFileSync(`${repo}package.json`, "utf8")) as { scripts: Record<string, string> })
  .scripts;
const benchmarks = Object.keys(scripts).filter((name) => name.startsWith("bench:"));

function run(name: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", name, "--", "--smoke"], {
      cwd: repo,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

// Every benchmark runs once in a tiny configuration, so a change that breaks one fails the suite; its figures
// are not judged here (speed targets live in the full runs), only what a broken run would get wrong.
const alsoTrue: Record<string, (summary: Record<string, any>) => void> = {
  "bench:render": (summary) => {
    expect(summary.orphan_processes).toBe(0);
    expect(Object.values(summary.sandbox as Record<string, unknown>).every(Boolean)).toBe(true);
    expect(Object.keys(summary.preview_ms)).toEqual(["box", "cylinder"]);
    // The exploratory render is reported beside the full one, and its JSON is a small part of the full JSON.
    expect(summary.exploratory_ratio_p50).toEqual(expect.any(Number));
    expect(summary.json_bytes_ratio_max).toBeLessThan(1);
  },
  "bench:sse": (summary) => expect(summary.lost).toBe(0),
  "bench:api": (summary) => {
    expect(summary.errors).toBe(0);
    expect(summary.highest_concurrency_p99_within_target).toEqual(expect.any(Number));
  },
  "bench:storage": (summary) =>
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(["local_download_mb_s", "s3_download_mb_s"])),
};
describe("benchmarks", () => {
  it("when the package lists benchmarks, then there is at least one of each kind we publish", () => {
    expect(benchmarks).toEqual(expect.arrayContaining(["bench:sse", "bench:render", "bench:api"]));
  });

  for (const name of benchmarks) {
    it(
      `when ${name} runs with --smoke, then it exits 0 and its last line is its JSON summary`,
      { timeout: 240_000 },
      async () => {
        const { code, stdout, stderr } = await run(name);
        const lines = stdout.trim().split("\n");
        const parsed = lines.map((line) => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            throw new Error(`${name} printed a line that is not JSON: ${line}\n${stderr}`);
          }
        });
        const summary = parsed.at(-1)!;
        expect({ code, error: summary.error }, stderr).toEqual({ code: 0, error: undefined });
        expect(summary.summary).toBe(name);
        expect(Object.values(summary).filter((v) => typeof v === "number").length).toBeGreaterThan(2);
        alsoTrue[name]?.(summary);
      },
    );
  }
});
