import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import http from "node:http";
import https from "node:https";
import { pipeline, type Readable } from "node:stream";
import { checkKey, meter, StorageLimitError, StorageMissingError, type Storage, type StoredObject } from "./storage.js";

export interface S3Settings {
  /** Unset for AWS itself; the server's URL for MinIO, Ceph, R2, GCS interop and the like. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Unset: the SDK's own chain (environment, instance or pod role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `bucket` in the path rather than the host name, as most self-hosted servers need. */
  forcePathStyle: boolean;
}

// Multipart parts are the only bytes held in memory: PART_BYTES × QUEUED_PARTS per upload in flight.
const PART_BYTES = 8 * 2 ** 20;
const QUEUED_PARTS = 2;

const isMissing = (err: unknown) => err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404;

/**
 * Objects in one bucket of S3-compatible storage, under the same keys as on disk, so several API and worker
 * hosts share them. Nothing is presigned: every byte goes through the API, which checks the owner first.
 */
export class S3Storage implements Storage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // Not every S3-compatible server accepts the SDK's default CRC checksums; the driver hashes what it stores.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      // A download holds its connection while the browser reads: the SDK's default pool of 50 is too few.
      requestHandler: {
        connectionTimeout: 5_000,
        httpAgent: new http.Agent({ keepAlive: true, maxSockets: 256 }),
        httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 256 }),
      },
    });
  }

  async put(key: string, data: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: checkKey(key), Body: data, ContentLength: data.length }),
    );
  }

  async write(key: string, source: Readable, maxBytes: number): Promise<StoredObject> {
    checkKey(key);
    const metered = meter(maxBytes);
    // A failure on either side ends both: the source stops, and the upload sees the error and aborts.
    const body = pipeline(source, metered.transform, () => undefined);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body },
      partSize: PART_BYTES,
      queueSize: QUEUED_PARTS,
      // A failed multipart upload is aborted, so no parts are left billing in the bucket.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      // When the store failed first, the source is still waiting to be read: let it go.
      body.destroy();
      if (metered.exceeded()) throw new StorageLimitError(maxBytes);
      throw err;
    }
    return metered.result();
  }

  async read(key: string, range?: { start: number; end: number }): Promise<{ stream: Readable; size: number }> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: checkKey(key),
          Range: range && `bytes=${range.start}-${range.end}`,
        }),
      );
      // With a range, the whole object's size is the part after the slash of `bytes a-b/size`.
      const size = range ? Number(res.ContentRange?.split("/")[1]) : Number(res.ContentLength);
      return { stream: res.Body as Readable, size };
    } catch (err) {
      if (isMissing(err)) throw new StorageMissingError(key);
      throw err;
    }
  }

  async size(key: string): Promise<number> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return Number(head.ContentLength);
    } catch (err) {
      if (isMissing(err)) throw new StorageMissingError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }
}
