import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BootstrapService } from "../../src/services/bootstrap.service.js";
import { UserRepository } from "../../src/repositories/user.repository.js";
import { AppSettingsRepository } from "../../src/repositories/app-settings.repository.js";
import { createLogger } from "../../src/lib/logger.js";
import { verifyPassword } from "../../src/lib/password.js";
import { createMigratedDatabase, type TestDatabase } from "../helpers/database.js";

const serverEntry = fileURLToPath(new URL("../../dist/server.js", import.meta.url));

function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [serverEntry], { env: { PATH: process.env.PATH, ...env } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("start-up", () => {
  it("when an environment value is bad, then the built server exits 1 naming the variable", async () => {
    const { code, stderr } = await runServer({ DATABASE_URL: "postgres://x@127.0.0.1:1/x", PORT: "not-a-port" });
    expect(code).toBe(1);
    expect(stderr).toContain("Invalid configuration");
    expect(stderr).toMatch(/PORT: /);
  });

  it("when production runs with the example JWT_SECRET, then the server refuses to start", async () => {
    const { code, stderr } = await runServer({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://x@127.0.0.1:1/x",
      JWT_SECRET: "change-this",
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/JWT_SECRET: must be a random value/);
  });
});

describe("admin bootstrap", () => {
  let database: TestDatabase;
  let bootstrap: BootstrapService;
  beforeAll(async () => {
    database = await createMigratedDatabase();
    bootstrap = new BootstrapService({
      users: new UserRepository(database.db),
      settings: new AppSettingsRepository(database.db),
      logger: createLogger("silent"),
    });
  });
  afterAll(() => database.drop());

  it("when no password is given, then one is generated, returned once, and works", async () => {
    const first = await bootstrap.run({ email: "Owner@Example.test", password: undefined });
    expect(first.adminCreated).toBe(true);
    expect(first.generatedPassword).toMatch(/^[\w-]{24}$/);

    const admin = await new UserRepository(database.db).findByEmail("owner@example.test");
    expect(admin?.role).toBe("admin");
    expect(await verifyPassword(admin!.password_hash, first.generatedPassword!)).toBe(true);

    expect(await bootstrap.run({ email: "owner@example.test", password: undefined })).toEqual({ adminCreated: false });
  });

  it("when instances start together, then exactly one admin is created", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => bootstrap.run({ email: "race@example.test", password: "race-password-1" })),
    );
    expect(results.filter((r) => r.adminCreated)).toHaveLength(1);
    const admins = await database.db
      .selectFrom("users")
      .select("email")
      .where("email", "=", "race@example.test")
      .execute();
    expect(admins).toHaveLength(1);
  });
});
