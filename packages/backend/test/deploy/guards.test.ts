import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderServiceEnv } from "../../src/lib/local-render-service.js";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const read = (p: string) => readFileSync(`${root}${p}`, "utf8");
/** Every file git tracks (so node_modules, venvs and build output are never scanned). */
const tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).trim().split("\n");

// What the product must never depend on: the stack it replaced (Amplify, Semantic UI), tracking and payments it
// dropped (Mixpanel, Patreon), and the CAD kernel it does not use (OpenSCAD).
const FORBIDDEN =
  /^(aws-amplify|@aws-amplify\/.*|semantic-ui.*|@semantic-ui.*|.*mixpanel.*|.*patreon.*|.*openscad.*)$/i;

interface Sources {
  manifests: Record<string, string>;
  lockfile: string;
  code: Record<string, string>;
}

/** Each forbidden package a manifest, the lockfile or an import names, as "file: name". */
function forbiddenDependencies({ manifests, lockfile, code }: Sources): string[] {
  const found: string[] = [];
  for (const [file, text] of Object.entries(manifests)) {
    const names = file.endsWith(".txt")
      ? text.split("\n").map((line) => line.split(/[<>=~![ ;#]/)[0]!.trim())
      : Object.values(JSON.parse(text) as Record<string, unknown>)
          .filter((v): v is Record<string, string> => typeof v === "object" && v !== null)
          .flatMap((deps) => Object.keys(deps));
    for (const name of names) if (FORBIDDEN.test(name)) found.push(`${file}: ${name}`);
  }
  const locked = Object.keys((JSON.parse(lockfile) as { packages: Record<string, unknown> }).packages);
  for (const key of locked) {
    const name = key.replace(/^.*node_modules\//, "");
    if (FORBIDDEN.test(name)) found.push(`package-lock.json: ${name}`);
  }
  const imports = [
    /\bfrom\s+["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']/g,
    /\brequire\s*\(\s*["']([^"']+)["']/g,
    /^\s*import\s+["']([^"']+)["']/gm,
    /^\s*(?:from|import)\s+([\w.]+)/gm,
  ];
  for (const [file, text] of Object.entries(code)) {
    for (const pattern of imports) {
      for (const [, spec] of text.matchAll(pattern)) {
        const pkg = spec!.startsWith("@") ? spec!.split("/").slice(0, 2).join("/") : spec!.split(/[/.]/)[0]!;
        if (FORBIDDEN.test(pkg)) found.push(`${file}: ${spec}`);
      }
    }
  }
  return found;
}

const repoSources: Sources = {
  manifests: Object.fromEntries(
    tracked.filter((f) => /(^|\/)package\.json$|requirements[\w-]*\.txt$/.test(f)).map((f) => [f, read(f)]),
  ),
  lockfile: read("package-lock.json"),
  code: Object.fromEntries(
    tracked
      .filter((f) => /\.(ts|tsx|js|mjs|cjs|py)$/.test(f) && !f.endsWith("guards.test.ts"))
      .map((f) => [f, read(f)]),
  ),
};

// Variables whose values are credentials (ours, or any provider's), by name.
const SECRET_NAME = /SECRET|PASSWORD|PASS$|TOKEN|API_KEY|PRIVATE|CREDENTIAL|DATABASE_URL|REDIS_URL|^S3_/i;

/** The secrets of `parent` that reach a child given `child`: by name, or by value under another name. */
function leakedSecrets(parent: Record<string, string>, child: Record<string, string>): string[] {
  const secrets = Object.entries(parent).filter(([name, value]) => SECRET_NAME.test(name) && value.length >= 8);
  return [
    ...Object.keys(child).filter((name) => SECRET_NAME.test(name)),
    ...secrets.filter(([, value]) => Object.values(child).some((v) => v.includes(value))).map(([name]) => name),
  ];
}

interface ComposeService {
  ports?: unknown[];
  profiles?: string[];
  environment?: Record<string, string> | string[];
  env_file?: unknown;
}
type Compose = { services: Record<string, ComposeService> };

/** What compose hands the render service that could carry a secret: an env file, or a secret-bearing variable. */
function composeRenderSecrets(compose: Compose): string[] {
  const service = compose.services.build123d!;
  const environment = Array.isArray(service.environment)
    ? Object.fromEntries(service.environment.map((line) => line.split("=", 2) as [string, string]))
    : (service.environment ?? {});
  return [
    ...(service.env_file ? ["env_file"] : []),
    ...Object.entries(environment)
      .filter(
        ([name, value]) =>
          !name.startsWith("BUILD123D_") ||
          SECRET_NAME.test(name) ||
          [...String(value).matchAll(/\$\{?(\w+)/g)].some(([, used]) => !used!.startsWith("BUILD123D_")),
      )
      .map(([name]) => name),
  ];
}

/** The services of the default stack (no profile) that publish a port on the host. */
function publishingServices(compose: Compose): string[] {
  return Object.entries(compose.services)
    .filter(([, s]) => !s.profiles?.length && (s.ports?.length ?? 0) > 0)
    .map(([name]) => name);
}

const compose = parse(read("docker-compose.yml"), { merge: true }) as Compose;

describe("guard: no forbidden dependency", () => {
  it("when every manifest, the lockfile and every tracked source file are read, then none names aws-amplify, semantic-ui, mixpanel, patreon or openscad", () => {
    expect(Object.keys(repoSources.manifests).length).toBeGreaterThan(3);
    expect(Object.keys(repoSources.code).length).toBeGreaterThan(100);
    expect(forbiddenDependencies(repoSources)).toEqual([]);
  });

  it("when a manifest, the lockfile or an import does name one, then the check reports each", () => {
    const bad: Sources = {
      manifests: {
        "package.json": JSON.stringify({ dependencies: { "aws-amplify": "^6" }, devDependencies: { mixpanel: "1" } }),
        "services/x/requirements.txt": "fastapi==0.1\nopenscad-runner>=1 ; python_version>'3'\n",
      },
      lockfile: JSON.stringify({
        packages: { "": {}, "node_modules/@aws-amplify/auth": {}, "node_modules/react": {} },
      }),
      code: {
        "a.tsx": 'import { Button } from "semantic-ui-react";\nimport "patreon-sdk/styles.css";\n',
        "b.ts": 'const m = await import("mixpanel-browser");',
        "c.py": "import openscad\nfrom build123d import Box\n",
      },
    };
    expect(forbiddenDependencies(bad)).toEqual([
      "package.json: aws-amplify",
      "package.json: mixpanel",
      "services/x/requirements.txt: openscad-runner",
      "package-lock.json: @aws-amplify/auth",
      "a.tsx: semantic-ui-react",
      "a.tsx: patreon-sdk/styles.css",
      "b.ts: mixpanel-browser",
      "c.py: openscad",
    ]);
  });
});

describe("guard: the render service's environment carries no secret", () => {
  // Everything the API may hold, as `npm start` would have it in its own environment.
  const parent = {
    PATH: "/usr/bin",
    HOME: "/home/me",
    JWT_SECRET: "a-jwt-secret-long-enough-0123456789abcdef",
    DATABASE_URL: "postgres://chat3d:db-password-1@localhost/chat3d",
    REDIS_URL: "redis://:redis-password@localhost",
    SMTP_PASS: "smtp-password-1",
    ADMIN_PASSWORD: "admin-password-1",
    OPENAI_API_KEY: "sk-openai-0123456789",
    ANTHROPIC_API_KEY: "sk-ant-0123456789",
    OLLAMA_TOKEN: "ollama-token-1",
    METRICS_TOKEN: "metrics-token-1",
    BUILD123D_WORKERS: "2",
    BUILD123D_PORT: "30222",
  };

  it("when npm start or the test suites spawn it, then it gets PATH, HOME, LANG and its own BUILD123D_* settings only", () => {
    const child = renderServiceEnv(parent);
    expect(Object.keys(child).sort()).toEqual(["BUILD123D_PORT", "BUILD123D_WORKERS", "HOME", "LANG", "PATH"]);
    expect(leakedSecrets(parent, child)).toEqual([]);
  });

  it("when a spawner passes our environment through, then the check names every secret that leaked", () => {
    expect(leakedSecrets(parent, { ...parent }).sort()).toEqual(
      expect.arrayContaining(["JWT_SECRET", "DATABASE_URL", "SMTP_PASS", "OPENAI_API_KEY", "METRICS_TOKEN"]),
    );
    // A secret copied under an innocent name is caught by its value.
    expect(leakedSecrets(parent, { BUILD123D_EXTRA: parent.SMTP_PASS })).toEqual(["SMTP_PASS"]);
  });

  it("when compose defines the render service, then it has no env file and only BUILD123D_* variables from BUILD123D_* settings", () => {
    expect(composeRenderSecrets(compose)).toEqual([]);
  });

  it("when compose gives the render service the backend's environment, then the check reports it", () => {
    const bad = parse(
      `x-env: &env\n  JWT_SECRET: \${JWT_SECRET}\n  BUILD123D_WORKERS: "2"\nservices:\n  build123d:\n    environment:\n      <<: *env\n      BUILD123D_TOKEN: \${OLLAMA_TOKEN}\n    env_file: .env\n`,
      { merge: true },
    ) as Compose;
    expect(composeRenderSecrets(bad)).toEqual(["env_file", "JWT_SECRET", "BUILD123D_TOKEN"]);
  });
});

describe("guard: the default compose stack publishes only the frontend", () => {
  it("when docker-compose.yml is read without profiles, then only the frontend publishes a port", () => {
    expect(publishingServices(compose)).toEqual(["frontend"]);
  });

  it("when another default service publishes a port, then the check names it (a dev-profile service may)", () => {
    const bad = parse(
      "services:\n  frontend:\n    ports: ['80:8080']\n  postgres:\n    ports: ['5432:5432']\n  mailpit:\n    profiles: [dev]\n    ports: ['8025:8025']\n",
    ) as Compose;
    expect(publishingServices(bad)).toEqual(["frontend", "postgres"]);
  });
});
