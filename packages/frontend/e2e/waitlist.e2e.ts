import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, snapshot } from "./harness/browser.js";
import { waitForMail } from "./harness/mail.js";
import { ADMIN } from "./harness/stack.js";
import { newContext } from "./harness/page.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const PASSWORD = "a-long-passphrase-42";
const SMTP_ERROR =
  "Error: connect ECONNREFUSED 10.0.4.17:587 — the mail server refused the connection on every attempt (5 of 5).";

async function newPage(): Promise<Page> {
  const context = await newContext(browser);
  return context.newPage();
}

/** Waits for a toast and lets it finish sliding in, so a picture shows it whole. */
async function settledToast(page: Page, text: string): Promise<Locator> {
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: text });
  await toast.waitFor();
  await expect.poll(() => toast.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
  return toast;
}

/** Writes from `page.request` carry the context's cookies; the API wants them to come from its own origin. */
async function apiWrite(page: Page, method: "post" | "patch", path: string, data: unknown) {
  const baseUrl = inject("baseUrl");
  const response = await page.request[method](`${baseUrl}${path}`, { data, headers: { Origin: baseUrl } });
  expect(response.status(), await response.text()).toBeLessThan(300);
}

const setWaitlist = (admin: Page, on: boolean) =>
  apiWrite(admin, "patch", "/api/admin/settings", { waitlist_enabled: on });

describe("waitlist", () => {
  // Some 60 screenshots when SCREENSHOTS_DIR is set: the journey alone takes about 15 s.
  it(
    "when a visitor joins, confirms and is approved, then the approval link signs them up once",
    { timeout: 180_000 },
    async () => {
      const baseUrl = inject("baseUrl");
      const mailDir = inject("mailDir");
      const email = `wanda-${randomBytes(4).toString("hex")}@e2e.test`;

      // The admin signs in (API, in a browser context of their own) and turns the waitlist on.
      const admin = await newPage();
      await apiWrite(admin, "post", "/api/auth/login", ADMIN);
      await setWaitlist(admin, true);

      try {
        // A visitor joins on the waitlist page and gets the same answer anyone would.
        const visitor = await newPage();
        await visitor.goto(`${baseUrl}/waitlist`);
        await visitor.getByRole("heading", { name: "Join the Chat3D waitlist" }).waitFor();
        await snapshot(visitor, "waitlist-join");

        await visitor.getByLabel("Email", { exact: true }).fill(email);
        await visitor.getByRole("checkbox", { name: "Also email me occasional news about Chat3D" }).check();
        await visitor.getByRole("button", { name: "Join the waitlist" }).click();
        await visitor.getByRole("heading", { name: "Check your inbox" }).waitFor();
        await visitor.getByText(/if this address can join the waitlist/).waitFor();
        await snapshot(visitor, "waitlist-join-success");

        // The confirmation email's link opens a page that says what will happen, and the token leaves the address.
        const confirmation = await waitForMail(mailDir, email, { subject: /waitlist/i });
        const confirmUrl = new URL(confirmation.link);
        expect(confirmUrl.pathname).toBe("/waitlist/confirm");
        expect(confirmUrl.search).toBe("");
        await visitor.goto(confirmation.link);
        await visitor.getByRole("heading", { name: "Confirm your email" }).waitFor();
        await expect.poll(() => new URL(visitor.url()).hash).toBe("");
        await visitor.getByText(email).waitFor();
        await snapshot(visitor, "waitlist-confirm");

        await visitor.getByRole("button", { name: "Confirm my email" }).click();
        await visitor.getByRole("heading", { name: "Email confirmed" }).waitFor();
        await visitor.getByText("Waiting for approval").waitFor();
        await snapshot(visitor, "waitlist-confirmed");

        // The same link again, as a mail program opens it (a new tab): nothing left to confirm.
        const again = await visitor.context().newPage();
        await again.goto(confirmation.link);
        await again.getByRole("heading", { name: "Your email is already confirmed" }).waitFor();
        await again.getByRole("list", { name: "Progress of your request" }).waitFor();
        await snapshot(again, "waitlist-confirm-again");
        await again.close();

        // The status page reads the same token; without one it gives the generic answer.
        await visitor.goto(`${baseUrl}/waitlist/status${confirmUrl.hash}`);
        await visitor.getByRole("heading", { name: "Your waitlist status" }).waitFor();
        await visitor.getByRole("list", { name: "Progress of your request" }).waitFor();
        await expect.poll(() => new URL(visitor.url()).hash).toBe("");
        await snapshot(visitor, "waitlist-status");
        await visitor.reload();
        await visitor.getByText(/Open the link from your confirmation email/).waitFor();
        await snapshot(visitor, "waitlist-status-generic");
        await visitor.goto(`${baseUrl}/waitlist/confirm`);
        await visitor.getByRole("heading", { name: "Open the link from your email" }).waitFor();
        await snapshot(visitor, "waitlist-confirm-no-link");

        // The admin finds the request in the waitlist tab, selects it and approves it.
        await admin.goto(`${baseUrl}/admin/waitlist`);
        const table = admin.getByRole("table", { name: "Waitlist" });
        await table.getByText(email).waitFor();
        await snapshot(admin, "admin-waitlist");
        await admin.getByRole("searchbox", { name: "Search the waitlist" }).fill(email);
        await admin.waitForURL((url) => url.searchParams.get("query") === email);
        await expect.poll(() => table.getByRole("row").count()).toBe(2);

        await admin.getByRole("checkbox", { name: `Select ${email}` }).check();
        const toolbar = admin.getByRole("toolbar", { name: "Selected entries" });
        await toolbar.getByText("1 selected").waitFor();
        await snapshot(admin, "admin-waitlist-selected");
        await toolbar.getByRole("button", { name: "Approve 1" }).click();
        const dialog = admin.getByRole("dialog", { name: "Approve 1 request?" });
        await dialog.waitFor();
        await snapshot(admin, "admin-waitlist-confirm");
        await dialog.getByRole("button", { name: "Approve 1" }).click();
        await admin.getByRole("region", { name: "Approved 1 of 1" }).waitFor();
        await table
          .getByRole("row")
          .filter({ hasText: email })
          .getByText("Approved")
          .filter({ visible: true })
          .waitFor();
        await snapshot(admin, "admin-waitlist-results");

        // The approval email's registration link signs the visitor up.
        const approval = await waitForMail(mailDir, email, { subject: /create your Chat3D account/ });
        expect(new URL(approval.link).pathname).toBe("/register");
        await visitor.goto(approval.link);
        await visitor.getByRole("heading", { name: "Your request was approved" }).waitFor();
        await snapshot(visitor, "register-approved");
        expect(await visitor.getByLabel("Email").inputValue()).toBe(email);
        await visitor.getByLabel("Name", { exact: true }).fill("Wanda Waitlist");
        await visitor.getByLabel("Password", { exact: true }).fill(PASSWORD);
        await visitor.getByRole("button", { name: "Create account" }).click();
        await visitor.getByRole("button", { name: `Account menu for ${email}` }).waitFor();

        // The new member's profile, and inviting people from it.
        await visitor.goto(`${baseUrl}/profile`);
        await visitor.getByRole("heading", { name: "Account" }).waitFor();
        await snapshot(visitor, "profile-account");
        await visitor.getByRole("tab", { name: "Invitations" }).click();
        await visitor.waitForURL(`${baseUrl}/profile/invitations`);
        await visitor.getByRole("heading", { name: "No invitations yet" }).waitFor();
        await snapshot(visitor, "profile-invitations-empty");

        const friend = `friend-${randomBytes(4).toString("hex")}@e2e.test`;
        const box = visitor.getByLabel("Email addresses");
        await box.click();
        await box.pressSequentially(`${friend}, not-an-email ${friend.toUpperCase()} `);
        await visitor.getByRole("button", { name: "Edit not-an-email: Enter a valid email address." }).waitFor();
        await snapshot(visitor, "profile-invitations-chips");
        await visitor.getByRole("button", { name: "Remove not-an-email" }).click();
        await visitor.getByRole("button", { name: "Send invitation" }).click();
        const results = visitor.getByRole("region", { name: "Results" });
        await results.getByText("1 invited").waitFor();
        await visitor.getByRole("list", { name: "Sent invitations" }).getByText(friend).waitFor();
        await snapshot(visitor, "profile-invitations-sent");

        await visitor.getByRole("button", { name: `Revoke invitation to ${friend}` }).click();
        const revoke = visitor.getByRole("dialog", { name: `Revoke the invitation to ${friend}?` });
        await revoke.waitFor();
        await snapshot(visitor, "profile-invitations-revoke");
        await revoke.getByRole("button", { name: "Revoke invitation" }).click();
        await settledToast(visitor, `Invitation to ${friend} revoked`);
        await visitor.getByRole("list", { name: "Sent invitations" }).getByText("Revoked", { exact: true }).waitFor();

        // The registration link is spent: opening it again in a fresh browser is refused.
        const stranger = await newPage();
        await stranger.goto(approval.link);
        await stranger.getByRole("heading", { name: "Your request was approved" }).waitFor();
        await stranger.getByLabel("Password", { exact: true }).fill(PASSWORD);
        await stranger.getByRole("button", { name: "Create account" }).click();
        // A spent link is checked before anything about the address, so it does not reveal the account.
        await stranger.getByText("This invitation can't be used").waitFor();
        await stranger
          .getByText("This registration link is not valid for this email, was already used, or has expired.")
          .waitFor();
        await stranger.getByRole("link", { name: "Sign in instead" }).waitFor();
        expect(await stranger.getByRole("button", { name: /Account menu/ }).count()).toBe(0);
        await stranger.context().close();

        // The admin's failed-jobs tab: every email went out.
        await admin.getByRole("tab", { name: "Failed jobs" }).click();
        await admin.waitForURL(`${baseUrl}/admin/jobs`);
        await admin.getByRole("heading", { name: "No failed jobs" }).waitFor();
        await snapshot(admin, "admin-jobs");

        // An email that used up its retries (played here by marking the friend's invitation email failed) is
        // listed with its error, and Retry sends it again.
        const db = new pg.Client({ connectionString: inject("databaseUrl") });
        await db.connect();
        try {
          const failed = await db.query<{ id: string }>(
            `UPDATE pgboss.job SET state = 'failed', completed_on = now(), output = $2::jsonb
           WHERE data->>'to' = $1 RETURNING id::text`,
            [friend, JSON.stringify({ message: SMTP_ERROR })],
          );
          expect(failed.rowCount).toBe(1);
          await admin.getByRole("button", { name: "Refresh" }).click();
          const jobRow = admin.getByRole("table", { name: "Failed jobs" }).getByRole("row").filter({ hasText: friend });
          await jobRow
            .getByText(/ECONNREFUSED/)
            .filter({ visible: true })
            .waitFor();
          await snapshot(admin, "admin-jobs-failed");

          await jobRow.getByRole("button", { name: /^Retry/ }).click();
          await settledToast(admin, "Retry queued");
          await jobRow.getByText("Queued").waitFor();
          await snapshot(admin, "admin-jobs-retried");
          const state = () =>
            db.query<{ state: string }>("SELECT state::text FROM pgboss.job WHERE id = $1", [failed.rows[0]!.id]);
          await expect.poll(async () => (await state()).rows[0]?.state, { timeout: 20_000 }).toBe("completed");
        } finally {
          await db.end();
        }

        await visitor.context().close();
      } finally {
        // Other journeys register openly.
        await setWaitlist(admin, false);
        await admin.context().close();
      }
    },
  );
});
