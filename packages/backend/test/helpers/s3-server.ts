import {
  CreateBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListMultipartUploadsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));

// Any pair works against moto; a real deployment's keys come from S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY.
export const S3_KEYS = { accessKeyId: "chat3d-test", secretAccessKey: "chat3d-test-secret" };

export interface S3Server {
  url: string;
  /** A new, empty bucket, and the S3_* settings that point the API at it. */
  bucket(): Promise<S3Bucket>;
  stop(): Promise<void>;
}

export interface S3Bucket {
  name: string;
  env: Record<string, string>;
  /** Every key in the bucket, straight from the server. */
  keys(): Promise<string[]>;
  has(key: string): Promise<boolean>;
  /** Multipart uploads begun and neither completed nor aborted. */
  pendingUploads(): Promise<number>;
}

/**
 * A real S3-compatible server over HTTP on a free port: moto's standalone server, from a pinned venv that
 * scripts/test/ensure-s3-server.sh provisions (once; later runs reuse it).
 */
export async function startS3Server(): Promise<S3Server> {
  const binary = execFileSync("bash", [`${repo}scripts/test/ensure-s3-server.sh`], { encoding: "utf8" }).trim();
  const child = spawn(binary, ["-H", "127.0.0.1", "-p", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the S3 server did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(/Running on (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => reject(new Error(`the S3 server exited with ${code}:\n${output}`)));
  });
  // Its request log is not wanted, but a full pipe would stall it.
  child.stdout.resume();
  child.stderr.resume();
  const client = new S3Client({ endpoint: url, region: "us-east-1", forcePathStyle: true, credentials: S3_KEYS });

  return {
    url,
    async bucket() {
      const name = `chat3d-t-${randomBytes(5).toString("hex")}`;
      await client.send(new CreateBucketCommand({ Bucket: name }));
      return {
        name,
        env: {
          STORAGE_DRIVER: "s3",
          S3_ENDPOINT: url,
          S3_REGION: "us-east-1",
          S3_BUCKET: name,
          S3_ACCESS_KEY_ID: S3_KEYS.accessKeyId,
          S3_SECRET_ACCESS_KEY: S3_KEYS.secretAccessKey,
          S3_FORCE_PATH_STYLE: "true",
        },
        async keys() {
          const listed = await client.send(new ListObjectsV2Command({ Bucket: name }));
          return (listed.Contents ?? []).map((o) => o.Key!).sort();
        },
        async has(key) {
          try {
            await client.send(new HeadObjectCommand({ Bucket: name, Key: key }));
            return true;
          } catch {
            return false;
          }
        },
        async pendingUploads() {
          const listed = await client.send(new ListMultipartUploadsCommand({ Bucket: name }));
          return listed.Uploads?.length ?? 0;
        },
      };
    },
    async stop() {
      client.destroy();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
