import {
  CreateBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListMultipartUploadsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { randomBytes } from "node:crypto";
import { spawnS3Server } from "../../../../scripts/test/s3-server.mjs";

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

/** The local S3-compatible server (scripts/test/s3-server.mjs), with a client to make and inspect buckets. */
export async function startS3Server(): Promise<S3Server> {
  const server = await spawnS3Server();
  const url = server.url;
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
      await server.stop();
    },
  };
}
