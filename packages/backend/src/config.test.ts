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
});
