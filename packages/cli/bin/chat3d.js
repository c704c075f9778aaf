#!/usr/bin/env node
import { parseArgs } from "node:util";
import { Chat3dApi, CliError } from "../src/api.js";
import { ask, render } from "../src/commands.js";

const USAGE = `Usage:
  chat3d render <part.py> [--out part.step] [--chat ID]   render build123d code as a chat's next version
  chat3d ask "<question>" [--chat ID] [--out part.step]   ask the AI and wait for its answer

  --out    write the model; the extension picks the format (.step .stl .3mf .glb)
  --chat   the chat to use (default: a new one)

Environment:
  CHAT3D_TOKEN   a personal access token (Profile → Access tokens); render needs the write and render
                 scopes, ask needs read, write and ai
  CHAT3D_URL     the Chat3D address (default http://localhost:3001)`;

/** @param {string} line */
const say = (line) => process.stdout.write(`${line}\n`);

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o" },
        chat: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    return usage(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const [command, argument, ...rest] = positionals;
  if (values.help) return void say(USAGE);
  if (!command || !argument || rest.length) return usage("Give a command and its one argument.");
  if (command !== "render" && command !== "ask") return usage(`Unknown command "${command}".`);
  const token = process.env.CHAT3D_TOKEN;
  if (!token) return usage("Set CHAT3D_TOKEN to a personal access token (make one in Profile → Access tokens).");

  const api = new Chat3dApi(process.env.CHAT3D_URL || "http://localhost:3001", token);
  const options = { chat: values.chat, out: values.out };
  if (command === "render") await render(api, { file: argument, ...options }, say);
  else await ask(api, { question: argument, ...options }, say);
}

/** @param {string} problem */
function usage(problem) {
  process.stderr.write(`chat3d: ${problem}\n\n${USAGE}\n`);
  process.exitCode = 2;
}

main().catch((err) => {
  process.stderr.write(`chat3d: ${err instanceof CliError ? err.message : err instanceof Error ? err.stack : err}\n`);
  process.exitCode = 1;
});
