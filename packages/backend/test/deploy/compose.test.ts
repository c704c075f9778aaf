import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONFIG_VARIABLES } from "../../src/config.js";

const repo = (p: string) => fileURLToPath(new URL(`../../../../${p}`, import.meta.url));

interface Service {
  image?: string;
  container_name?: string;
  entrypoint?: string[];
  platform?: string;
  ports?: string[];
  profiles?: string[];
  command?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  read_only?: boolean;
  environment?: Record<string, string>;
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const compose = parse(readFileSync(repo("docker-compose.yml"), "utf8"), { merge: true }) as Compose;
const debug = parse(readFileSync(repo("docker-compose.debug.yml"), "utf8")) as Compose;

describe("docker-compose.yml", () => {
  it("when parsed, then it defines the whole stack with Mailpit only under the dev profile and MinIO under s3", () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ["backend", "build123d", "frontend", "mailpit", "minio", "minio-bucket", "postgres", "redis", "worker"].sort(),
    );
    expect(compose.services.mailpit!.profiles).toEqual(["dev"]);
    expect(compose.services.minio!.profiles).toEqual(["s3"]);
    expect(compose.services["minio-bucket"]!.profiles).toEqual(["s3"]);
    expect(compose.services.postgres!.image).toBe("postgres:16");
    expect(compose.services.redis!.image).toBe("redis:7");
  });

  it("when the render service is defined, then it is amd64, read-only and publishes no port", () => {
    const render = compose.services.build123d!;
    expect(render.platform).toBe("linux/amd64");
    expect(render.ports).toBeUndefined();
    expect(render.read_only).toBe(true);
    expect(debug.services.build123d!.ports).toEqual(["127.0.0.1:${BUILD123D_PORT:-30222}:80"]);
  });

  it("when redis is defined, then it is append-only and never evicts", () => {
    const command = compose.services.redis!.command!.join(" ");
    expect(command).toContain("--appendonly yes");
    expect(command).toContain("--maxmemory-policy noeviction");
  });

  it("when services depend on each other, then they wait for healthy dependencies", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      // Mailpit is a dev tool; the worker serves nothing; minio-bucket runs once and exits.
      if (!["mailpit", "worker", "minio-bucket"].includes(name)) expect(service.healthcheck, name).toBeDefined();
      for (const [dep, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} → ${dep}`).toBe("service_healthy");
        expect(compose.services[dep]!.healthcheck, dep).toBeDefined();
      }
    }
    expect(Object.keys(compose.services.backend!.depends_on!)).toEqual(["postgres", "redis", "build123d"]);
  });

  it("when data must survive a restart, then it lives in named volumes", () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(["minio-data", "postgres-data", "redis-data", "storage-data"]);
    expect(compose.services.postgres!.volumes).toEqual(["postgres-data:/var/lib/postgresql/data"]);
    expect(compose.services.backend!.volumes).toEqual(["storage-data:/data"]);
  });

  it("when the worker runs, then it shares the backend's environment without migrating", () => {
    const { backend, worker } = compose.services;
    expect(worker!.command).toEqual(["node", "packages/backend/dist/worker.js"]);
    expect(worker!.environment!.MIGRATE_ON_START).toBe("false");
    expect(worker!.environment!.DATABASE_URL).toBe(backend!.environment!.DATABASE_URL);
  });
});

describe("scaling the backend out", () => {
  it("when backend replicas are added, then nothing pins one container: no fixed name, no published port", () => {
    const { backend } = compose.services;
    expect(backend!.container_name).toBeUndefined();
    expect(backend!.ports).toBeUndefined();
  });

  it("when the s3 profile runs, then MinIO stays internal, and the backend is told the storage driver and every S3 setting", () => {
    const env = compose.services.backend!.environment!;
    expect(env.STORAGE_DRIVER).toBe("${STORAGE_DRIVER:-local}");
    for (const name of [
      "S3_ENDPOINT",
      "S3_REGION",
      "S3_BUCKET",
      "S3_ACCESS_KEY_ID",
      "S3_SECRET_ACCESS_KEY",
      "S3_FORCE_PATH_STYLE",
    ]) {
      expect(env[name], name).toBe(`\${${name}:-}`);
    }
    expect(compose.services.minio!.ports).toBeUndefined();
    expect(compose.services.minio!.volumes).toEqual(["minio-data:/data"]);
    expect(compose.services["minio-bucket"]!.entrypoint).toEqual([
      "mc",
      "mb",
      "--ignore-existing",
      "local/${S3_BUCKET:-chat3d}",
    ]);
  });
});

interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}

/** nginx's configuration grammar: `name args;` and `name args { … }`, # comments, quoted arguments. */
function parseNginx(text: string): Directive[] {
  const tokens = [...text.replace(/#[^\n]*/g, "").matchAll(/'[^']*'|"[^"]*"|[{};]|[^\s{};]+/g)].map((m) => m[0]);
  let at = 0;
  const block = (): Directive[] => {
    const out: Directive[] = [];
    while (at < tokens.length && tokens[at] !== "}") {
      const words: string[] = [];
      while (!["{", ";"].includes(tokens[at]!)) words.push(tokens[at++]!);
      const [name, ...args] = words;
      if (tokens[at++] === "{") {
        out.push({ name: name!, args, block: block() });
        at++;
      } else out.push({ name: name!, args });
    }
    return out;
  };
  return block();
}

const seconds = (value: string) => Number(value.match(/^(\d+)/)![1]) * ({ s: 1, m: 60, h: 3600 }[value.slice(-1)] ?? 1);

describe("nginx.conf (the frontend's proxy)", () => {
  const conf = parseNginx(readFileSync(repo("packages/frontend/nginx.conf"), "utf8"));
  const one = (list: Directive[], name: string, ...args: string[]) => {
    const found = list.filter((d) => d.name === name && args.every((a, i) => d.args[i] === a));
    expect(found, `${name} ${args.join(" ")}`).toHaveLength(1);
    return found[0]!;
  };
  const server = one(conf, "server").block!;
  const api = one(server, "location", "/api/").block!;

  it("when backend replicas come and go, then nginx re-resolves the backend name through Docker's DNS within seconds", () => {
    const resolver = one(conf, "resolver");
    expect(resolver.args[0]).toBe("127.0.0.11");
    const valid = resolver.args.find((a) => a.startsWith("valid="));
    expect(seconds(valid!.slice("valid=".length))).toBeLessThanOrEqual(30);

    const upstream = one(conf, "upstream", "chat3d_backend").block!;
    // `resolve` keeps re-asking DNS at run time; it needs a shared-memory zone to hold the answers.
    expect(one(upstream, "server").args).toEqual(["backend:3001", "resolve"]);
    expect(one(upstream, "zone").args[0]).toBe("chat3d_backend");
    expect(one(api, "proxy_pass").args).toEqual(["http://chat3d_backend"]);
  });

  it("when the upstream re-resolves, then the image's nginx supports it (1.27.3 or newer)", () => {
    const dockerfile = readFileSync(repo("packages/frontend/Dockerfile"), "utf8");
    const [major, minor, patch = 99] = dockerfile
      .match(/^FROM nginxinc\/nginx-unprivileged:(\d+)\.(\d+)(?:\.(\d+))?-alpine$/m)!
      .slice(1)
      .filter(Boolean)
      .map(Number);
    expect(major! * 1e6 + minor! * 1e3 + patch).toBeGreaterThanOrEqual(1_027_003);
  });

  it("when events stream through the proxy, then nothing buffers them and idle streams outlive the heartbeat", () => {
    expect(one(api, "proxy_buffering").args).toEqual(["off"]);
    expect(one(api, "proxy_http_version").args).toEqual(["1.1"]);
    expect(one(api, "proxy_set_header", "Connection").args).toEqual(["Connection", '""']);
    expect(seconds(one(api, "proxy_read_timeout").args[0]!)).toBeGreaterThanOrEqual(3600);
    expect(one(conf, "upstream", "chat3d_backend").block!.some((d) => d.name === "keepalive")).toBe(true);
  });

  it("when an agent calls /mcp through the proxy, then it reaches the API unbuffered, so progress streams", () => {
    const mcp = one(server, "location", "=", "/mcp").block!;
    expect(one(mcp, "proxy_pass").args).toEqual(["http://chat3d_backend"]);
    expect(one(mcp, "proxy_buffering").args).toEqual(["off"]);
  });
});

describe(".env.example", () => {
  const documented = new Set(
    readFileSync(repo(".env.example"), "utf8")
      .split("\n")
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => line.split("=")[0]),
  );

  it("when the API reads a variable, then .env.example documents it", () => {
    const missing = CONFIG_VARIABLES.filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it("when the plan lists its minimum set, then each of those is present", () => {
    for (const name of [
      "DB_PASSWORD",
      "JWT_SECRET",
      "BUILD123D_PORT",
      "BUILD123D_URL",
      "OPENAI_API_KEY",
      "ANTHROPIC_API_KEY",
      "XAI_API_KEY",
      "OLLAMA_BASE_URL",
      "OLLAMA_TOKEN",
      "SMTP_HOST",
      "SMTP_PORT",
      "SMTP_USER",
      "SMTP_PASS",
      "MAIL_FROM",
      "APP_BASE_URL",
    ]) {
      expect(documented, name).toContain(name);
    }
  });

  it("when compose passes a variable to the backend, then .env.example documents it", () => {
    const passed = Object.values(compose.services.backend!.environment!).flatMap((value) =>
      [...String(value).matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]!),
    );
    expect(passed.filter((name) => !documented.has(name))).toEqual([]);
  });
});

describe("Dockerfiles", () => {
  for (const file of ["packages/backend/Dockerfile", "packages/frontend/Dockerfile", "services/build123d/Dockerfile"]) {
    it(`when ${file} builds its final stage, then it runs as a non-root user`, () => {
      const text = readFileSync(repo(file), "utf8");
      const finalStage = text.slice(text.lastIndexOf("\nFROM "));
      const user = [...finalStage.matchAll(/^USER\s+(\S+)/gm)].at(-1)?.[1];
      expect(user).toBeDefined();
      expect(["root", "0"]).not.toContain(user);
    });
  }

  it("when the backend image runs, then every directory the server reads next to dist/ was copied into it", () => {
    const text = readFileSync(repo("packages/backend/Dockerfile"), "utf8");
    const finalStage = text.slice(text.lastIndexOf("\nFROM "));
    const copied = [...finalStage.matchAll(/^COPY .*\/app\/packages\/backend\/(\S+)/gm)].map((m) => m[1]);
    // The files the backend opens by a path relative to its code: prompts, the models file, the eval suite.
    const read = ["prompts", "llm", "eval"].filter((dir) => existsSync(repo(`packages/backend/${dir}`)));
    expect(read).toEqual(["prompts", "llm", "eval"]);
    expect(copied).toEqual(expect.arrayContaining(read));
  });

  it("when the backend image is built, then it is based on Node 22", () => {
    const text = readFileSync(repo("packages/backend/Dockerfile"), "utf8");
    expect([...text.matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).toEqual(
      expect.arrayContaining(["node:22-bookworm-slim"]),
    );
  });
});
