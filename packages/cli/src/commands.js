import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { CliError } from "./api.js";

/** @typedef {import("./api.js").Chat3dApi} Chat3dApi */
/** @typedef {import("@chat3d/shared").Version} Version */

const FORMATS = /** @type {const} */ ({ ".step": "step", ".stp": "step", ".stl": "stl", ".3mf": "3mf", ".glb": "glb" });
const TERMINAL = ["completed", "failed", "cancelled"];

/** @param {(line: string) => void} say */
function sayVersion(say, /** @type {Version} */ version) {
  const { size } = version.metrics.bounding_box;
  const volume = version.metrics.volume === null ? "" : `, volume ${round(version.metrics.volume)} mm³`;
  say(`version ${version.number} (${version.id}): ${size.map(round).join(" × ")} mm${volume}`);
  for (const warning of version.warnings) say(`warning: ${warning}`);
}

const round = (/** @type {number} */ v) => Math.round(v * 100) / 100;

/**
 * Writes the version's model in the format `out`'s extension names.
 * @param {Chat3dApi} api
 * @param {Version} version
 * @param {string} out
 */
async function saveModel(api, version, out) {
  const ext = /** @type {keyof typeof FORMATS} */ (path.extname(out).toLowerCase());
  const format = FORMATS[ext];
  if (!format) throw new CliError(`Cannot tell the format from "${out}": end it in .step, .stl, .3mf or .glb.`);
  const file = version.files.find((f) => f.role === "model" && f.format === format);
  if (!file) throw new CliError(`Version ${version.number} has no ${format.toUpperCase()} file (a 2D result?).`);
  await writeFile(out, await api.download(file.file_id));
  return file.bytes;
}

/**
 * `chat3d render part.py [--out part.step] [--chat ID]`: renders the file as the chat's next version.
 * @param {Chat3dApi} api
 * @param {{ file: string, out?: string, chat?: string }} options
 * @param {(line: string) => void} say
 */
export async function render(api, { file, out, chat }, say) {
  let code;
  try {
    code = await readFile(file, "utf8");
  } catch {
    throw new CliError(`Cannot read ${file}.`);
  }
  const chatId = chat ?? (await api.createChat(path.basename(file))).id;
  if (!chat) say(`chat ${chatId} (pass --chat ${chatId} to render into it again)`);
  let outcome;
  try {
    outcome = await api.render(chatId, code);
  } catch (err) {
    if (err instanceof CliError && err.code === "render_failed") {
      const details = /** @type {{ type?: string, line?: number | null }} */ (err.details ?? {});
      const where = details.line ? `${file}:${details.line}: ` : `${file}: `;
      throw new CliError(`${where}${details.type ?? "render"} error: ${err.message}`);
    }
    throw err;
  }
  const { version } = outcome;
  // The same code as the chat's current version makes no new one: the current one is the answer.
  if ("unchanged" in outcome) say(`unchanged: the chat's current version already is this code`);
  sayVersion(say, version);
  if (out) say(`wrote ${out} (${await saveModel(api, version, out)} bytes)`);
}

/**
 * `chat3d ask "…" [--chat ID] [--out part.step]`: asks the AI and follows its answer over the event stream.
 * @param {Chat3dApi} api
 * @param {{ question: string, chat?: string, out?: string }} options
 * @param {(line: string) => void} say
 */
export async function ask(api, { question, chat, out }, say) {
  const chatId = chat ?? (await api.createChat(question.slice(0, 60))).id;
  if (!chat) say(`chat ${chatId}`);
  const stop = new AbortController();
  try {
    // Listening before asking, so not even the first stage is missed.
    const events = await api.events(stop.signal);
    const first = await events.next();
    if (first.done || first.value.event !== "ready") throw new CliError("The event stream did not start.");
    const accepted = await api.ask(chatId, question);
    const answerId = accepted.items.at(-1)?.id;
    let state = accepted.query.state;
    say(state);
    for await (const { event, data } of events) {
      if (data?.query_id !== accepted.query.id) continue;
      if (event === "chat.query.step") say(`  ${data.step.summary}`);
      if (event !== "chat.query.state") continue;
      state = data.state;
      say(state);
      if (TERMINAL.includes(state)) break;
    }
    const answer = (await api.items(chatId)).find((item) => item.id === answerId);
    if (state !== "completed" || !answer) {
      const text = answer && "text" in answer ? answer.text : null;
      throw new CliError(text || `The answer was ${state}.`);
    }
    if (answer.text) say(answer.text);
    if (answer.type !== "3dmodel") return;
    const version = await api.version(answer.version.id);
    sayVersion(say, version);
    if (out) say(`wrote ${out} (${await saveModel(api, version, out)} bytes)`);
  } finally {
    stop.abort();
  }
}
