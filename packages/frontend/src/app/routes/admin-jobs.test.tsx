import type { FailedJob } from "@chat3d/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes, uuid } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const admin = makeUser({ email: "root@example.com", role: "admin" });
const LONG_ERROR = `Error: connect ECONNREFUSED 127.0.0.1:587 ${"while greeting the SMTP server ".repeat(4)}`;

function job(overrides: Partial<FailedJob> = {}): FailedJob {
  return {
    id: uuid(),
    name: "email.send",
    attempts: 5,
    recipient: "grace@example.com",
    template: "waitlist_confirm",
    error: "Error: connect ECONNREFUSED 127.0.0.1:587",
    created_at: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    failed_at: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    ...overrides,
  };
}

async function startJobsApi(jobs: FailedJob[]) {
  server = await startApiServer({
    ...sessionRoutes({ user: admin }),
    "GET /api/admin/jobs/failed": ({ query }, res) => {
      const page = Number(query.get("page") ?? 1);
      const size = Number(query.get("page_size") ?? 20);
      sendJson(res, 200, {
        items: jobs.slice((page - 1) * size, page * size),
        total: jobs.length,
        page,
        page_size: size,
      });
    },
    "POST /api/admin/jobs/:id/retry": ({ params }, res) => {
      const index = jobs.findIndex(({ id }) => id === params.id);
      if (index < 0) return sendError(res, 404, "not_found", "No failed job with this id.");
      jobs.splice(index, 1);
      res.writeHead(202).end();
    },
  });
  return server;
}

const findTable = () => screen.findByRole("table", { name: "Failed jobs" }, { timeout: 4000 });

describe("admin failed jobs", () => {
  it("when jobs failed, then each shows what, to whom, how often and why, and Retry queues it with a toast", async () => {
    const failed = [job({ error: LONG_ERROR }), job({ recipient: "linus@example.com", template: "waitlist_approved" })];
    const firstId = failed[0]!.id;
    const server = await startJobsApi(failed);
    renderApp({ path: "/admin/jobs", apiUrl: server.url });
    const user = userEvent.setup();

    const table = await findTable();
    await within(table).findAllByText("grace@example.com");
    const first = within(table).getAllByRole("row")[1]!;
    expect(within(first).getAllByText("waitlist_confirm")[0]).toBeInTheDocument();
    expect(within(first).getAllByText("grace@example.com")[0]).toBeInTheDocument();
    expect(within(first).getAllByText("2 hours ago")[0]).toBeInTheDocument();
    expect(within(first).getAllByRole("button", { name: "Show full error" })[0]).toHaveAttribute(
      "aria-expanded",
      "false",
    );
    expect(screen.getByRole("tab", { name: "Failed jobs", selected: true })).toBeInTheDocument();

    await user.click(within(first).getByRole("button", { name: "Retry waitlist_confirm to grace@example.com" }));

    expect(await screen.findByText("Retry queued")).toBeInTheDocument();
    expect(screen.getByText("waitlist_confirm to grace@example.com will be tried again.")).toBeInTheDocument();
    expect(within(first).getByText("Queued")).toBeInTheDocument();
    expect(server.calls("POST /api/admin/jobs/:id/retry")[0]?.params.id).toBe(firstId);
  });

  it("when a job is no longer failed (404), then the toast says so and the list is refreshed", async () => {
    const failed = [job()];
    const server = await startJobsApi(failed);
    renderApp({ path: "/admin/jobs", apiUrl: server.url });
    const user = userEvent.setup();

    const retry = await within(await findTable()).findByRole("button", { name: /^Retry/ });
    failed.length = 0;
    await user.click(retry);

    expect(await screen.findByText("Couldn't retry this job")).toBeInTheDocument();
    expect(screen.getByText("No failed job with this id.")).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "No failed jobs" })).toBeInTheDocument();
  });

  it("when nothing failed, then the empty state says so", async () => {
    const server = await startJobsApi([]);
    renderApp({ path: "/admin/jobs", apiUrl: server.url });

    expect(await screen.findByRole("heading", { name: "No failed jobs" }, { timeout: 4000 })).toBeInTheDocument();
  });
});
