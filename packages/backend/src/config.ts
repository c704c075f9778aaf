import { z } from "zod";

const WEAK_SECRETS = new Set(["change-this", "changeme", "secret", "dev-secret", "chat3d_dev"]);

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

// Compose passes unset variables as empty strings; treat those as absent.
const blankAsUndefined = (v: string | undefined) => (v === "" ? undefined : v);
const optionalUrl = z.string().trim().optional().transform(blankAsUndefined).pipe(z.url().optional());
/**
 * A base URL the server sends requests to (the render service, an LLM provider) or builds links from: http(s)
 * only, so a mistyped or planted value cannot point the server at file:, gopher: or other schemes, and without
 * credentials, which belong in the *_API_KEY / *_TOKEN variables (redacted from logs) rather than in a URL.
 */
const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
  .refine((url) => !new URL(url).username && !new URL(url).password, {
    error: "must not carry a user or password; use the matching *_API_KEY or *_TOKEN variable",
  });
const optionalHttpUrl = z.string().trim().optional().transform(blankAsUndefined).pipe(httpUrl.optional());
const optionalSecret = z.string().trim().optional().transform(blankAsUndefined);
const optionalFlag = z.string().trim().optional().transform(blankAsUndefined).pipe(booleanFlag.optional());
// S3's rule for bucket names (no dots: virtual-hosted names with dots break TLS).
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const modelList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    HOST: z.string().default("0.0.0.0"),
    APP_BASE_URL: httpUrl.default("http://localhost:3001"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: optionalUrl,
    REDIS_KEY_PREFIX: z.string().trim().min(1).max(50).default("chat3d:"),
    JWT_SECRET: z.string().optional(),
    BUILD123D_URL: httpUrl.default("http://127.0.0.1:30222"),
    ADMIN_EMAIL: z.email().default("admin@chat3d.local"),
    ADMIN_PASSWORD: z
      .string()
      .optional()
      .transform(blankAsUndefined)
      .pipe(z.string().min(12, "must be at least 12 characters").optional()),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    CORS_ORIGINS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
    STORAGE_DIR: z.string().default("./data/storage"),
    S3_ENDPOINT: z
      .string()
      .trim()
      .optional()
      .transform(blankAsUndefined)
      .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as http://minio:9000" }).optional()),
    S3_REGION: z
      .string()
      .trim()
      .optional()
      .transform((v) => blankAsUndefined(v) ?? "us-east-1"),
    S3_BUCKET: z.string().trim().optional().transform(blankAsUndefined),
    S3_ACCESS_KEY_ID: optionalSecret,
    S3_SECRET_ACCESS_KEY: optionalSecret,
    S3_FORCE_PATH_STYLE: optionalFlag.transform((v) => v ?? false),
    UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(50),
    MAIL_CAPTURE_DIR: z.string().default("./data/mail"),
    WEB_DIST_DIR: z.string().optional(),
    SMTP_HOST: z.string().trim().optional().transform(blankAsUndefined),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_USER: z.string().optional().transform(blankAsUndefined),
    SMTP_PASS: z.string().optional().transform(blankAsUndefined),
    MAIL_FROM: z.string().trim().min(3).default("Chat3D <no-reply@chat3d.local>"),
    RUN_WORKER: booleanFlag.default(true),
    EMAIL_RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(20),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(20_000),
    SSE_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100).default(10),
    ACCESS_TOKEN_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    ANTHROPIC_API_KEY: optionalSecret,
    ANTHROPIC_BASE_URL: optionalHttpUrl,
    OPENAI_API_KEY: optionalSecret,
    OPENAI_BASE_URL: optionalHttpUrl,
    OPENAI_MODELS: modelList,
    XAI_API_KEY: optionalSecret,
    XAI_BASE_URL: optionalHttpUrl,
    OLLAMA_BASE_URL: optionalHttpUrl,
    OLLAMA_TOKEN: optionalSecret,
    OLLAMA_MODELS: modelList,
    LLM_MODELS_FILE: z.string().trim().optional().transform(blankAsUndefined),
    LLM_DEFAULT_CONVERSATION_MODEL: z.string().trim().optional().transform(blankAsUndefined),
    LLM_DEFAULT_CODEGEN_MODEL: z.string().trim().optional().transform(blankAsUndefined),
    LLM_REPAIR_ATTEMPTS: z.coerce.number().int().min(0).max(10).default(3),
    LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
    LLM_TIMEOUT_S: z.coerce.number().int().min(5).max(3600).default(180),
    LLM_HISTORY_TOKENS: z.coerce.number().int().min(500).max(200_000).default(12_000),
    LLM_CODEGEN_MAX_STEPS: z.coerce.number().int().min(1).max(100).default(16),
    LLM_QUERY_MAX_TOKENS: z.coerce.number().int().min(1000).max(10_000_000).default(400_000),
    LLM_QUERY_MAX_SECONDS: z.coerce.number().int().min(1).max(7200).default(600),
    LLM_QUERY_MAX_COST_USD: z.coerce.number().min(0).max(1000).default(2),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    MIGRATE_ON_START: booleanFlag.default(true),
    VALIDATE_RESPONSES: booleanFlag.default(false),
    METRICS_HOST: z.string().trim().default("127.0.0.1"),
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
    METRICS_TOKEN: z
      .string()
      .optional()
      .transform(blankAsUndefined)
      .pipe(z.string().min(16, "must be at least 16 characters").optional()),
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE_DRIVER !== "s3") return;
    if (!env.S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "is required when STORAGE_DRIVER=s3" });
    } else if (!BUCKET_NAME.test(env.S3_BUCKET)) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_BUCKET"],
        message: "must be a bucket name: 3-63 lowercase letters, digits and hyphens",
      });
    }
    // Half a key pair would silently fall back to the SDK's credential chain: refuse it instead.
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      const missing = env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
      const given = env.S3_ACCESS_KEY_ID ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY";
      ctx.addIssue({ code: "custom", path: [missing], message: `is required when ${given} is set` });
    }
  })
  .superRefine((env, ctx) => {
    const secret = env.JWT_SECRET;
    if (env.NODE_ENV !== "production") return;
    if (!secret) {
      ctx.addIssue({ code: "custom", path: ["JWT_SECRET"], message: "is required in production" });
    } else if (secret.length < 32 || WEAK_SECRETS.has(secret)) {
      ctx.addIssue({
        code: "custom",
        path: ["JWT_SECRET"],
        message: "must be a random value of at least 32 characters (try: openssl rand -base64 48)",
      });
    }
  });

export type Config = Omit<z.infer<typeof EnvSchema>, "JWT_SECRET"> & { JWT_SECRET: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the environment once; every problem is reported by variable name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`),
    );
  }
  // Outside production a missing secret gets a per-process random one: sessions then end on restart, which is fine on a laptop.
  const jwtSecret = parsed.data.JWT_SECRET ?? crypto.randomUUID() + crypto.randomUUID();
  return { ...parsed.data, JWT_SECRET: jwtSecret };
}

/** The variable names the config reads; a test checks that .env.example documents each one. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);
