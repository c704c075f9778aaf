import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const base = { DATABASE_URL: "postgres://u@localhost:5432/chat3d" };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected the configuration to be refused");
}

describe("configuration", () => {
  it("when only the database is given, then the documented defaults apply", () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ PORT: 3001, APP_BASE_URL: "http://localhost:3001", TRUST_PROXY_HOPS: 0 });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("when a value is malformed, then the problem names the variable", () => {
    expect(problemsOf({ ...base, PORT: "eighty" })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(problemsOf({ ...base, DATABASE_URL: "mysql://x" })).toEqual([expect.stringMatching(/^DATABASE_URL: /)]);
    expect(problemsOf({ ...base, REDIS_URL: "not a url" })).toEqual([expect.stringMatching(/^REDIS_URL: /)]);
  });

  it("when several values are wrong, then all of them are reported at once", () => {
    const problems = problemsOf({ PORT: "-1", ADMIN_PASSWORD: "short" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["ADMIN_PASSWORD", "DATABASE_URL", "PORT"]);
  });

  it("when production has no, a default or a short JWT_SECRET, then start-up is refused", () => {
    const prod = { ...base, NODE_ENV: "production" };
    expect(problemsOf(prod)).toEqual(["JWT_SECRET: is required in production"]);
    expect(problemsOf({ ...prod, JWT_SECRET: "change-this" })[0]).toMatch(/^JWT_SECRET: must be a random value/);
    expect(problemsOf({ ...prod, JWT_SECRET: "short-secret" })[0]).toMatch(/^JWT_SECRET: /);
    expect(loadConfig({ ...prod, JWT_SECRET: "k".repeat(16) + "9f8e7d6c5b4a39281706f5e4d3c2b1a0" }).NODE_ENV).toBe(
      "production",
    );
  });

  it("when compose passes an unset variable as an empty string, then it counts as unset", () => {
    expect(loadConfig({ ...base, REDIS_URL: "", ADMIN_PASSWORD: "" })).toMatchObject({
      REDIS_URL: undefined,
      ADMIN_PASSWORD: undefined,
    });
  });

  it("when STORAGE_DRIVER is s3, then a bucket is required, named as S3 allows, and keys come in pairs", () => {
    expect(loadConfig(base)).toMatchObject({
      STORAGE_DRIVER: "local",
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: false,
    });
    const s3 = { ...base, STORAGE_DRIVER: "s3" };
    expect(problemsOf(s3)).toEqual(["S3_BUCKET: is required when STORAGE_DRIVER=s3"]);
    expect(problemsOf({ ...s3, S3_BUCKET: "My_Files" })).toEqual([
      "S3_BUCKET: must be a bucket name: 3-63 lowercase letters, digits and hyphens",
    ]);
    expect(problemsOf({ ...s3, S3_BUCKET: "chat3d", S3_ACCESS_KEY_ID: "AKIA123" })).toEqual([
      "S3_SECRET_ACCESS_KEY: is required when S3_ACCESS_KEY_ID is set",
    ]);
    expect(problemsOf({ ...s3, S3_BUCKET: "chat3d", S3_SECRET_ACCESS_KEY: "k" })).toEqual([
      "S3_ACCESS_KEY_ID: is required when S3_SECRET_ACCESS_KEY is set",
    ]);
    expect(problemsOf({ ...s3, S3_BUCKET: "chat3d", S3_ENDPOINT: "minio:9000" })[0]).toMatch(/^S3_ENDPOINT: /);
    expect(problemsOf({ ...s3, S3_BUCKET: "chat3d", S3_FORCE_PATH_STYLE: "maybe" })[0]).toMatch(
      /^S3_FORCE_PATH_STYLE: /,
    );
    expect(problemsOf({ ...base, STORAGE_DRIVER: "ftp" })[0]).toMatch(/^STORAGE_DRIVER: /);
  });

  it("when compose passes the S3 settings unset, then the defaults apply and a complete set is taken as given", () => {
    const blank = {
      S3_ENDPOINT: "",
      S3_REGION: "",
      S3_ACCESS_KEY_ID: "",
      S3_SECRET_ACCESS_KEY: "",
      S3_FORCE_PATH_STYLE: "",
    };
    expect(loadConfig({ ...base, STORAGE_DRIVER: "s3", S3_BUCKET: "chat3d", ...blank })).toMatchObject({
      S3_ENDPOINT: undefined,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: undefined,
      S3_FORCE_PATH_STYLE: false,
    });
    const minio = loadConfig({
      ...base,
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: "http://minio:9000",
      S3_REGION: "eu-central-1",
      S3_BUCKET: "chat3d-files",
      S3_ACCESS_KEY_ID: "chat3d",
      S3_SECRET_ACCESS_KEY: "a-long-secret",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(minio).toMatchObject({
      S3_ENDPOINT: "http://minio:9000",
      S3_REGION: "eu-central-1",
      S3_FORCE_PATH_STYLE: true,
    });
  });
});
