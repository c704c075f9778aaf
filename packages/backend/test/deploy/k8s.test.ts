import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const dir = path.join(root, "deploy/k8s");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => path.join(dir, f));
// The oldest Kubernetes we support; kubernetes-validate ships its schemas, so nothing is fetched.
const KUBERNETES = "1.30.0";

type Manifest = Record<string, any>;
const load = (text: string): Manifest[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Manifest)
    .filter(Boolean);
const manifests = files.flatMap((f) => load(readFileSync(f, "utf8")));

const SECRET_NAME = /SECRET|PASSWORD|PASS$|TOKEN|API_KEY|DATABASE_URL|REDIS_URL|^S3_/;
// What must run, and which of them serve HTTP (and so need probes that take them out of rotation).
const WORKLOADS = { backend: true, worker: false, build123d: true, frontend: true };

/** What our deployment rules find wrong in a set of manifests (the schema itself is kubernetes-validate's job). */
function manifestProblems(all: Manifest[]): string[] {
  const problems: string[] = [];
  const deployments = all.filter((m) => m.kind === "Deployment");
  for (const name of Object.keys(WORKLOADS)) {
    if (!deployments.some((d) => d.metadata.name === name)) problems.push(`no Deployment ${name}`);
  }
  for (const m of all) if (m.kind === "Secret") problems.push(`Secret ${m.metadata.name} is committed`);
  for (const d of deployments) {
    const name = d.metadata.name as string;
    const labels = d.spec.template.metadata.labels as Record<string, string>;
    for (const [k, v] of Object.entries(d.spec.selector.matchLabels as Record<string, string>)) {
      if (labels[k] !== v) problems.push(`${name}: selector does not match its pods`);
    }
    for (const c of d.spec.template.spec.containers as Manifest[]) {
      const at = `${name}/${c.name}`;
      if (!c.resources?.requests || !c.resources?.limits) problems.push(`${at}: no resource requests and limits`);
      if (WORKLOADS[name as keyof typeof WORKLOADS] && !(c.livenessProbe && c.readinessProbe)) {
        problems.push(`${at}: no liveness and readiness probes`);
      }
      for (const e of (c.env ?? []) as Manifest[]) {
        if (SECRET_NAME.test(e.name) && !e.valueFrom?.secretKeyRef)
          problems.push(`${at}: ${e.name} is not a secret reference`);
        if (name === "build123d" && (e.valueFrom?.secretKeyRef || SECRET_NAME.test(e.name))) {
          problems.push(`${at}: the render service gets ${e.name}`);
        }
      }
      if (name === "build123d" && (c.envFrom ?? []).length) problems.push(`${at}: the render service gets envFrom`);
    }
  }
  for (const s of all.filter((m) => m.kind === "Service")) {
    const selector = s.spec.selector as Record<string, string>;
    const hit = deployments.some((d) =>
      Object.entries(selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v),
    );
    if (!hit) problems.push(`Service ${s.metadata.name} selects no pods`);
  }
  return problems;
}

let python: string;
beforeAll(() => {
  python = execFileSync("bash", [path.join(root, "scripts/test/python/ensure.sh")], { encoding: "utf8" }).trim();
}, 180_000);

function validate(paths: string[]) {
  const run = spawnSync(python, ["-m", "kubernetes_validate", "--strict", "--quiet", "-k", KUBERNETES, ...paths], {
    encoding: "utf8",
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("deploy/k8s manifests", () => {
  it(`when validated against the Kubernetes ${KUBERNETES} schemas (strict), then every resource passes`, () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    const { code, output } = validate(files);
    expect(code, output).toBe(0);
  });

  it("when a manifest has an unknown field or a wrong type, then the validation fails naming it", () => {
    const bad = path.join(mkdtempSync(path.join(tmpdir(), "chat3d-k8s-")), "bad.yaml");
    writeFileSync(
      bad,
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\nspec:\n  replicas: two\n  selector: { matchLabels: { a: b } }\n  template:\n    metadata: { labels: { a: b } }\n    spec:\n      containers: [{ name: x, image: x, livenessProbe: { httpGet: { path: /, port: 80 }, periodSecond: 5 } }]\n",
    );
    const { code, output } = validate([bad]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/replicas|periodSecond/);
  });

  it("when read, then API, worker, render and frontend run with resources, probes where they serve HTTP, and secrets only by reference", () => {
    expect(manifestProblems(manifests)).toEqual([]);
    const services = manifests.filter((m) => m.kind === "Service").map((m) => m.metadata.name);
    // The names BUILD123D_URL and the API's clients use, as in compose.
    expect(services).toEqual(expect.arrayContaining(["backend", "build123d", "frontend"]));
    // The Ingress routes the API itself (the image's nginx resolves the backend through Docker's DNS only).
    const ingress = manifests.find((m) => m.kind === "Ingress")!;
    const routes = Object.fromEntries(
      ingress.spec.rules[0].http.paths.map((p: Manifest) => [p.path, p.backend.service.name]),
    );
    expect(routes).toEqual({ "/api": "backend", "/mcp": "backend", "/": "frontend" });
  });

  it("when a manifest inlines a secret, lacks probes or resources, or hands the render service a secret, then the check names each", () => {
    const bad = load(
      [
        "kind: Deployment\nmetadata: { name: backend }\nspec:\n  selector: { matchLabels: { app: api } }\n  template:\n    metadata: { labels: { app: api } }\n    spec:\n      containers:\n        - name: api\n          env: [{ name: JWT_SECRET, value: hunter2 }]",
        "kind: Deployment\nmetadata: { name: build123d }\nspec:\n  selector: { matchLabels: { app: r } }\n  template:\n    metadata: { labels: { app: r } }\n    spec:\n      containers:\n        - name: render\n          resources: { requests: {}, limits: {} }\n          livenessProbe: {}\n          readinessProbe: {}\n          env: [{ name: OPENAI_API_KEY, valueFrom: { secretKeyRef: { name: s, key: k } } }]",
        "kind: Secret\nmetadata: { name: chat3d-secrets }",
        "kind: Service\nmetadata: { name: frontend }\nspec: { selector: { app: web } }",
      ].join("\n---\n"),
    );
    expect(manifestProblems(bad)).toEqual([
      "no Deployment worker",
      "no Deployment frontend",
      "Secret chat3d-secrets is committed",
      "backend/api: no resource requests and limits",
      "backend/api: no liveness and readiness probes",
      "backend/api: JWT_SECRET is not a secret reference",
      "build123d/render: the render service gets OPENAI_API_KEY",
      "Service frontend selects no pods",
    ]);
  });
});
