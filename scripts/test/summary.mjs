// Adds up every suite's results into the closing line CI reads; fails when a suite ran no test or skipped one.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const [dir, seconds] = process.argv.slice(2);
const suites = { backend: "json", frontend: "json", render: "xml", e2e: "json" };
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

for (const [name, kind] of Object.entries(suites)) {
  const file = path.join(dir, `${name}.${kind}`);
  if (!existsSync(file)) {
    problems.push(`${name}: no results (the suite did not run)`);
    continue;
  }
  let counts;
  if (kind === "json") {
    const r = JSON.parse(readFileSync(file, "utf8"));
    counts = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
  } else {
    const xml = readFileSync(file, "utf8");
    const attr = (a) => Number(xml.match(new RegExp(`<testsuite[^>]*\\b${a}="(\\d+)"`))?.[1] ?? 0);
    const total = attr("tests");
    counts = { failed: attr("failures") + attr("errors"), skipped: attr("skipped") };
    counts.passed = total - counts.failed - counts.skipped;
  }
  console.log(`  ${name.padEnd(9)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (counts.passed + counts.failed === 0) problems.push(`${name}: ran no test`);
  if (counts.skipped) problems.push(`${name}: ${counts.skipped} skipped (every suite runs in full)`);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}

for (const p of problems) console.log(`  ✖ ${p}`);
console.log(`  took ${seconds}s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed || problems.length ? 1 : 0);
