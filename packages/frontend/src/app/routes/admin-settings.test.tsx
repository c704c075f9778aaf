import type { AppSettings, AppSettingsPatch } from "@chat3d/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, sessionRoutes } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { renderApp } from "@/testing/render-app";
import { sendJson } from "@/testing/test-server";

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const me = makeUser({ email: "root@example.com", role: "admin" });

function startSettingsApi(initial: Partial<AppSettings> = {}) {
  const settings: AppSettings = {
    waitlist_enabled: false,
    invitations_enabled: true,
    invitation_waitlist_required: false,
    invitation_quota_per_user: 5,
    daily_query_limit: null,
    monthly_cost_cap_usd: null,
    updated_at: new Date(Date.now() - 3 * 3600_000).toISOString(),
    updated_by: me.id,
    ...initial,
  };
  return startApiServer({
    ...sessionRoutes({ user: me }),
    "GET /api/admin/settings": (_request, res) => sendJson(res, 200, { settings }),
    "PATCH /api/admin/settings": ({ body }, res) => {
      const patch = body as AppSettingsPatch;
      // Stricter than the shared schema, as a server may be: its own message must reach the field.
      if ((patch.invitation_quota_per_user ?? 0) > 100) {
        return sendError(res, 400, "validation_failed", "Some fields are not valid.", {
          invitation_quota_per_user: ["This server allows at most 100."],
        });
      }
      Object.assign(settings, patch, { updated_at: new Date().toISOString(), updated_by: me.id });
      sendJson(res, 200, { settings });
    },
  });
}

describe("admin settings", () => {
  it("when the server rejects the quota, then its message shows under the field and the saved value stays", async () => {
    server = await startSettingsApi();
    renderApp({ path: "/admin/settings", apiUrl: server.url });
    const user = userEvent.setup();

    const quota = await screen.findByRole("spinbutton", { name: "Invitations per person" });
    expect(quota).toHaveValue(5);
    expect(screen.getByRole("button", { name: "Save" })).toBeDisabled();

    await user.clear(quota);
    await user.type(quota, "5000");
    await user.click(screen.getByRole("button", { name: "Save" }));

    // The shared schema's limit is checked before anything is sent.
    expect(quota).toHaveAttribute("aria-invalid", "true");
    expect(quota).toHaveAccessibleDescription(/Use at most 1000\./);
    expect(quota).toHaveFocus();
    expect(server.calls("PATCH /api/admin/settings")).toHaveLength(0);

    await user.clear(quota);
    await user.type(quota, "500");
    await user.click(screen.getByRole("button", { name: "Save" }));

    await waitFor(() => expect(quota).toHaveAttribute("aria-invalid", "true"));
    expect(quota).toHaveAccessibleDescription(/This server allows at most 100\./);
    expect(quota).toHaveValue(500);
    expect(server.calls("PATCH /api/admin/settings")[0]?.body).toEqual({ invitation_quota_per_user: 500 });

    await user.clear(quota);
    await user.type(quota, "12");
    expect(quota).not.toHaveAttribute("aria-invalid");
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Invitation quota set to 12")).toBeInTheDocument();
    expect(quota).toHaveValue(12);
    expect(screen.getByRole("button", { name: "Save" })).toBeDisabled();
  });

  it("when the admin sets the AI limits for everyone, then both are saved and an emptied box means no limit", async () => {
    server = await startSettingsApi({ daily_query_limit: 20 });
    renderApp({ path: "/admin/settings", apiUrl: server.url });
    const user = userEvent.setup();

    const form = await screen.findByRole("form", { name: "AI limits for everyone" });
    const daily = within(form).getByRole("spinbutton", { name: "Questions a day" });
    expect(daily).toHaveValue(20);
    expect(daily).toHaveAccessibleDescription("Empty: no daily limit.");

    await user.clear(daily);
    await user.type(within(form).getByRole("spinbutton", { name: "Cost a month (USD)" }), "25");
    await user.click(within(form).getByRole("button", { name: "Save AI limits" }));

    expect(await screen.findByText("AI limits saved")).toBeInTheDocument();
    expect(screen.getByText("Everyone without limits of their own: no limit, $25.00 a month.")).toBeInTheDocument();
    expect(server.calls("PATCH /api/admin/settings")[0]?.body).toEqual({
      daily_query_limit: null,
      monthly_cost_cap_usd: 25,
    });
    expect(within(form).getByRole("button", { name: "Save AI limits" })).toBeDisabled();
  });

  it("when a switch is flipped, then it saves at once, and a refused change flips back with an error toast", async () => {
    server = await startSettingsApi();
    renderApp({ path: "/admin/settings", apiUrl: server.url });
    const user = userEvent.setup();

    expect(await screen.findByText(/Last changed by you/)).toHaveTextContent("Last changed by you 3 hours ago");
    const waitlist = screen.getByRole("switch", { name: "Waitlist" });
    expect(waitlist).toHaveAccessibleDescription(/Only people with an invitation/);

    await user.click(waitlist);
    expect(waitlist).toBeChecked();
    expect(await screen.findByText("Waitlist turned on")).toBeInTheDocument();
    expect(server.calls("PATCH /api/admin/settings")[0]?.body).toEqual({ waitlist_enabled: true });

    server.on("PATCH /api/admin/settings", (_request, res) =>
      sendError(res, 503, "unavailable", "The database is not answering."),
    );
    const invitations = screen.getByRole("switch", { name: "Invitations" });
    await user.click(invitations);
    expect(invitations).not.toBeChecked();

    expect(await screen.findByText("Couldn't change “Invitations”")).toBeInTheDocument();
    await waitFor(() => expect(invitations).toBeChecked());
    expect(waitlist).toBeChecked();
  });
});
