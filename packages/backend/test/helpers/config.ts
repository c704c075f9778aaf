import { loadConfig, type Config } from "../../src/config.js";

/** A valid configuration for a test server: port 0, quiet logs, nothing on the real render port. */
export function testConfig(env: Record<string, string | undefined>): Config {
  return loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    JWT_SECRET: "test-secret-that-is-long-enough-for-the-checks-0123456789",
    ADMIN_EMAIL: "admin@example.test",
    ADMIN_PASSWORD: "admin-password-123",
    BUILD123D_URL: "http://127.0.0.1:9",
    APP_BASE_URL: "http://app.test",
    METRICS_PORT: "0",
    VALIDATE_RESPONSES: "true",
    ...env,
  });
}
