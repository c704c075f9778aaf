import type { EvalSummary, ReportedTask } from "./run-eval.js";

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const VIEWS = ["iso", "front", "top", "right"];

function taskSection(t: ReportedTask): string {
  const images = VIEWS.filter((v) => t.previews[v])
    .map(
      (v) =>
        `<figure><img alt="${v} view of ${escape(t.task)}" src="data:image/png;base64,${t.previews[v]}"><figcaption>${v}</figcaption></figure>`,
    )
    .join("");
  const size = t.measured
    ? `${t.measured.size.join(" × ")} mm, ${t.measured.solids} solid(s)${t.measured.volume == null ? "" : `, ${t.measured.volume} mm³`}`
    : "no result";
  const steps = t.stepList
    .map((s) => `<li class="${s.ok ? "ok" : "no"}">${escape(s.tool)}: ${escape(s.summary)}</li>`)
    .join("");
  return `<section class="task ${t.pass ? "pass" : "fail"}" id="${escape(t.task)}">
  <h2><span class="badge">${t.pass ? "PASS" : "FAIL"}</span> ${escape(t.title)} <small>${escape(t.task)} · ${t.difficulty}</small></h2>
  <p class="prompt">${escape(t.prompt)}</p>
  ${t.reasons.length ? `<ul class="reasons">${t.reasons.map((r) => `<li>${escape(r)}</li>`).join("")}</ul>` : ""}
  <p class="facts">${escape(size)} · ${t.steps} steps · ${t.tokens} tokens · $${t.cost_usd.toFixed(4)} · ${t.seconds} s</p>
  <div class="previews">${images || "<p>No previews.</p>"}</div>
  ${steps ? `<details><summary>Steps</summary><ol class="steps">${steps}</ol></details>` : ""}
  ${t.code ? `<details><summary>Code</summary><pre>${escape(t.code)}</pre></details>` : ""}
</section>`;
}

/** One self-contained HTML page: the summary, then each task with its previews, steps and code. */
export function renderReport(summary: EvalSummary, tasks: ReportedTask[]): string {
  const rows = tasks
    .map(
      (t) =>
        `<tr class="${t.pass ? "pass" : "fail"}"><td><a href="#${escape(t.task)}">${escape(t.task)}</a></td><td>${t.difficulty}</td><td>${t.pass ? "pass" : "fail"}</td><td>${escape(t.reasons[0] ?? "")}</td></tr>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat3D eval: ${escape(summary.codegen_model)} — ${(summary.pass_rate * 100).toFixed(0)} %</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0 0 6px}small{color:#656d76;font-weight:normal}
table{border-collapse:collapse;width:100%;margin:16px 0 32px}td,th{border-bottom:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;color:#fff;background:#1a7f37}
.fail .badge{background:#cf222e}tr.fail td:nth-child(3){color:#cf222e}tr.pass td:nth-child(3){color:#1a7f37}
.task{border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:0 0 16px}.prompt{margin:0 0 8px}
.reasons{color:#cf222e;margin:0 0 8px}.facts{color:#656d76;margin:0 0 8px}
.previews{display:flex;gap:8px;flex-wrap:wrap}figure{margin:0}img{width:200px;height:200px;border:1px solid #d0d7de;border-radius:4px;background:#f6f8fa}
figcaption{font-size:12px;color:#656d76;text-align:center}pre{background:#f6f8fa;padding:12px;overflow:auto;border-radius:6px}
.steps .no{color:#cf222e}
@media (prefers-color-scheme: dark){body{background:#0d1117;color:#e6edf3}td,th,.task,img{border-color:#30363d}pre,img{background:#161b22}small,.facts,figcaption{color:#8d96a0}}
</style></head><body>
<h1>Chat3D eval — ${summary.passed} of ${summary.tasks} passed (${(summary.pass_rate * 100).toFixed(1)} %)</h1>
<p>Conversation <code>${escape(summary.conversation_model)}</code>, code <code>${escape(summary.codegen_model)}</code>, prompts ${escape(summary.prompt_version)} · ${summary.tokens} tokens · $${summary.cost_usd.toFixed(4)} · ${summary.seconds} s</p>
<table><thead><tr><th>Task</th><th>Difficulty</th><th>Result</th><th>First reason</th></tr></thead><tbody>${rows}</tbody></table>
${tasks.map(taskSection).join("\n")}
</body></html>
`;
}
