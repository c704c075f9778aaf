import type { ProviderStatusList, Readiness } from "@chat3d/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser } from "@/testing/accounts";
import { renderApp } from "@/testing/render-app";
import { sendJson, startTestServer, type TestServer } from "@/testing/test-server";

const health = { status: "ok", version: "0.4.2", uptime_s: 2 * 86400 + 3 * 3600 + 120 };

const ready: Readiness = {
  status: "ready",
  checks: {
    database: { status: "ok", latency_ms: 1.8 },
    redis: { status: "not_configured", latency_ms: null, message: "REDIS_URL is not set; using in-process fan-out." },
    render: { status: "ok", latency_ms: 42 },
  },
};

const notReady: Readiness = {
  status: "not_ready",
  checks: {
    database: { status: "ok", latency_ms: 2 },
    redis: { status: "ok", latency_ms: 1 },
    render: { status: "down", latency_ms: null, message: "connect ECONNREFUSED 127.0.0.1:30222" },
  },
};

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const admin = makeUser({ role: "admin", email: "root@example.com" });

const providers: ProviderStatusList = {
  providers: [
    {
      provider: "ollama",
      base_url: "http://gpu-box.lan:11434",
      check: { status: "ok", latency_ms: 12 },
      models: [
        { id: "ollama:qwen2.5-coder:14b", label: "qwen2.5-coder:14b (Ollama)" },
        { id: "ollama:llava:7b", label: "llava:7b (Ollama)" },
      ],
    },
    {
      provider: "anthropic",
      base_url: "https://api.anthropic.com/v1",
      check: { status: "down", latency_ms: null, message: "did not answer within 2.5 s" },
      models: [{ id: "anthropic:claude-sonnet-4-5", label: "Claude Sonnet 4.5" }],
    },
  ],
};

function serveStatus(
  res: ServerResponse,
  url: string | undefined,
  readiness: Readiness,
  ai: ProviderStatusList = providers,
) {
  if (url === "/api/auth/me") return sendJson(res, 200, { user: admin });
  if (url === "/api/admin/status/providers") return sendJson(res, 200, ai);
  if (url === "/api/health") return sendJson(res, 200, health);
  if (url === "/api/ready") return sendJson(res, readiness.status === "ready" ? 200 : 503, readiness);
  sendJson(res, 404, { error: { code: "not_found", message: "No such route." } });
}

function card(name: string) {
  return screen.getByRole("group", { name });
}

describe("system status, in the admin panel", () => {
  it("when AI providers are configured, then each shows whether the server reaches it and the models it offers", async () => {
    server = await startTestServer((req, res) => serveStatus(res, req.url, ready));
    renderApp({ path: "/admin/status", apiUrl: server.url });

    const section = await screen.findByRole("region", { name: "AI providers" });
    const ollama = await within(section).findByRole("group", { name: "Ollama" });
    expect(ollama).toHaveTextContent("gpu-box.lan:11434");
    expect(ollama).toHaveTextContent("Operational");
    expect(ollama).toHaveTextContent("Offers qwen2.5-coder:14b (Ollama) and llava:7b (Ollama).");
    const anthropic = within(section).getByRole("group", { name: "Anthropic" });
    expect(anthropic).toHaveTextContent("Down");
    expect(anthropic).toHaveTextContent("did not answer within 2.5 s");
  });

  it("when no AI provider is configured, then the page says so and how to set one up", async () => {
    server = await startTestServer((req, res) => serveStatus(res, req.url, ready, { providers: [] }));
    renderApp({ path: "/admin/status", apiUrl: server.url });
    expect(await screen.findByText("No AI provider configured")).toBeInTheDocument();
    expect(screen.getByText(/OLLAMA_BASE_URL/)).toBeInTheDocument();
  });

  it("when the API answers, then skeletons give way to version, uptime and each check", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server = await startTestServer(async (req, res) => {
      // Who is signed in answers at once; the status checks wait, so the skeletons can be seen.
      if (req.url !== "/api/auth/me") await gate;
      serveStatus(res, req.url, ready);
    });

    renderApp({ path: "/admin/status", apiUrl: server.url });

    // The status page is a lazy route: its heading comes with its code.
    // The admin panel and its status section are lazy routes, compiled on this first visit.
    expect(await screen.findByRole("heading", { level: 2, name: "System status" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Checking services…");

    release();

    expect(await screen.findByRole("heading", { name: "All systems operational" })).toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(screen.getByText(/Redis is not configured/)).toBeInTheDocument();

    expect(within(card("API server")).getByText("Online")).toBeInTheDocument();
    expect(within(card("API server")).getByText("2d 3h")).toBeInTheDocument();
    expect(within(card("API server")).getByText("Version 0.4.2")).toBeInTheDocument();

    expect(within(card("Database")).getByText("Operational")).toBeInTheDocument();
    expect(within(card("Database")).getByText("1.8 ms")).toBeInTheDocument();
    expect(within(card("Redis")).getByText("Not configured")).toBeInTheDocument();
    expect(within(card("Redis")).getByText(/REDIS_URL is not set/)).toBeInTheDocument();
    expect(within(card("Render service")).getByText("42 ms")).toBeInTheDocument();
    expect(screen.getByText(/^Checked/)).toBeInTheDocument();
  });

  it("when readiness answers 503, then the page says plainly what is down", async () => {
    server = await startTestServer((req, res) => serveStatus(res, req.url, notReady));

    renderApp({ path: "/admin/status", apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "Not ready to serve requests" })).toBeInTheDocument();
    expect(screen.getByText(/Render service is down/)).toBeInTheDocument();
    expect(within(card("Render service")).getByText("Down")).toBeInTheDocument();
    expect(within(card("Render service")).getByText("connect ECONNREFUSED 127.0.0.1:30222")).toBeInTheDocument();
    expect(within(card("Database")).getByText("Operational")).toBeInTheDocument();
  });

  it("when the API is unreachable, then an error with a retry shows, and retrying recovers once it is back", async () => {
    let reachable = false;
    server = await startTestServer((req, res) => {
      if (reachable || req.url === "/api/auth/me") serveStatus(res, req.url, ready);
      else req.socket.destroy();
    });

    renderApp({ path: "/admin/status", apiUrl: server.url });

    // The query client retries once before giving up, so the error takes about a second to show.
    const retry = await screen.findByRole("button", { name: "Try again" }, { timeout: 4000 });
    expect(screen.getByRole("heading", { name: "Can't reach the server" })).toBeInTheDocument();
    expect(screen.getByText(/Check your connection and try again/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Refresh" })).not.toBeInTheDocument();

    reachable = true;
    await userEvent.click(retry);

    expect(await screen.findByRole("heading", { name: "All systems operational" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
  });

  it("when the person presses Refresh, then the page shows the fresh answer", async () => {
    let readiness = ready;
    server = await startTestServer((req, res) => serveStatus(res, req.url, readiness));

    renderApp({ path: "/admin/status", apiUrl: server.url });
    expect(await screen.findByRole("heading", { name: "All systems operational" })).toBeInTheDocument();

    readiness = notReady;
    await userEvent.click(screen.getByRole("button", { name: "Refresh" }));

    expect(await screen.findByRole("heading", { name: "Not ready to serve requests" })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Refresh" })).toHaveAttribute("aria-busy", "false"));
  });
});
