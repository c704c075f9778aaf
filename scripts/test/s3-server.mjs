// A real S3-compatible server over HTTP on a free port for tests and benchmarks: moto's standalone server, from
// the pinned venv that ensure-s3-server.sh provisions (once; later runs reuse it).
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";

export async function spawnS3Server() {
  const binary = execFileSync("bash", [path.join(import.meta.dirname, "ensure-s3-server.sh")], {
    encoding: "utf8",
  }).trim();
  const child = spawn(binary, ["-H", "127.0.0.1", "-p", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the S3 server did not start:\n${output}`)), 30_000);
    const read = (chunk) => {
      output += chunk.toString();
      const found = output.match(/Running on (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => reject(new Error(`the S3 server exited with ${code}:\n${output}`)));
  });
  // Its request log is not wanted, but a full pipe would stall it.
  child.stdout.resume();
  child.stderr.resume();
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
