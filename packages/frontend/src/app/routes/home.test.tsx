import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { sessionRoutes } from "@/testing/accounts";
import { startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function landing(waitlist: boolean) {
  server = await startApiServer({
    ...sessionRoutes({ user: null }),
    "GET /api/auth/registration": (_request, res) => sendJson(res, 200, { waitlist_enabled: waitlist }),
  });
  renderApp({ path: "/", apiUrl: server.url });
  const hero = (await screen.findByRole("heading", { level: 1, name: "Describe a part. Get a CAD model." })).closest(
    "section",
  )!;
  return within(hero as HTMLElement);
}

describe("the landing page", () => {
  it("when anyone may sign up, then it leads with creating an account and shows a real model in the viewer", async () => {
    const hero = await landing(false);
    const first = await hero.findByRole("link", { name: "Create an account" });
    expect(hero.getAllByRole("link")[0]).toBe(first);
    expect(first).toHaveAttribute("href", "/register");
    expect(hero.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login");
    expect(hero.getByText(/hands you STEP, STL and 3MF files/)).toBeInTheDocument();
    // The viewer draws the bracket the render service made, framed by its real measurements.
    expect(await hero.findByRole("region", { name: "Version 1, 3D view" })).toBeInTheDocument();
    expect(hero.getByRole("link", { name: "a short build123d script" })).toHaveAttribute("href", "/landing/bracket.py");
  });

  it("when sign-up is by invitation, then it leads with joining the waitlist", async () => {
    const hero = await landing(true);
    const first = await hero.findByRole("link", { name: "Join the waitlist" });
    expect(hero.getAllByRole("link")[0]).toBe(first);
    expect(first).toHaveAttribute("href", "/waitlist");
    expect(hero.queryByRole("link", { name: "Create an account" })).not.toBeInTheDocument();
  });
});
