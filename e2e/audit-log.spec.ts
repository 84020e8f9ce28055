import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { journeyEmail } from "./support/fixtures";
import { acceptLeaveWarnings, createActivityToken, pageHolds, revealedToken, signInTo } from "./support/journey";
import { inviteFromTeamPage } from "./support/team";
import { expect, test, type Browser, type Page } from "./support/test";
import { signIn } from "./support/users";

// PRODUCT.md §10: the account's audit log, as an admin uses it after an incident.

const ADMIN = "Ada e2e-audit";
const LOOPBACK = "127.0.0.1";

/** The secret of a token of another account (its own journey account, in a browser of its own). */
async function anotherAccountsToken(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    acceptLeaveWarnings(page);
    await signInTo(page, "audit-other");
    return await createActivityToken(page, "Someone else's token");
  } finally {
    await context.close();
  }
}

test("an admin finds every change and sign-in on the audit log, by actor and IP; filters, exports, and finds a revoked token by its secret", async ({ page, browser }) => {
  test.setTimeout(240_000);
  acceptLeaveWarnings(page);
  // A wrong password first: on record as a failed sign-in of the user that email names.
  await signIn(page, journeyEmail("audit", "admin"), "not the password at all");
  await expect(page.getByRole("alert", { name: "Form error" })).toHaveText("The email or password is incorrect.");
  await signInTo(page, "audit");

  await createActivityToken(page, "Audited token");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await page.getByLabel("Description").fill("Audited token v2");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert", { name: "Form status" })).toHaveText("Changes saved.");
  await page.getByRole("button", { name: "Reset API Token" }).click();
  await page.getByRole("dialog", { name: "Reset this API token?" }).getByRole("button", { name: "Reset API Token" }).click();
  const secret = await revealedToken(page, "hub_act_");
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "Revoke API Token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke API Token" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await inviteFromTeamPage(page, `audited-${randomUUID().slice(0, 8)}@example.test`, "Marketer");
  await page.keyboard.press("Escape");
  const theirs = await anotherAccountsToken(browser);

  await page.getByRole("button", { name: "Manage" }).click();
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByText("kept 365 days")).toBeVisible();
  const table = page.getByRole("table", { name: "Audit log, newest first" });
  for (const column of ["Time", "Actor", "Action", "Target", "IP"]) await expect(table.getByRole("columnheader", { name: column })).toBeVisible();
  const rowOf = (action: string) => table.getByRole("row").filter({ has: page.getByText(action, { exact: true }) });
  // Each change once, by the admin, from the browser's address; the sign-ins name the admin too.
  // Each row keeps the token's description as it stood after that change.
  const expected: Array<[string, string]> = [
    ["token.created", "Audited token"],
    ["token.updated", "Audited token v2"],
    ["token.reset", "Audited token v2"],
    ["token.revoked", "Audited token v2"],
    ["user.invited", "Invite (Marketer)"],
    ["sign_in.failed", ADMIN],
  ];
  for (const [action, target] of expected) {
    const row = rowOf(action);
    await expect(row, action).toHaveCount(1);
    await expect(row.getByRole("cell").nth(1), action).toHaveText(ADMIN);
    await expect(row.getByRole("cell").nth(3), action).toHaveText(target);
    await expect(row.getByRole("cell").nth(4), action).toHaveText(LOOPBACK);
  }
  // (The marketer journey signs in to this account too: the admin's own sign-in is the one to find.)
  const signedIn = rowOf("sign_in.succeeded").filter({ has: page.getByRole("cell", { name: ADMIN, exact: true }) }).first();
  await expect(signedIn.getByRole("cell").nth(4)).toHaveText(LOOPBACK);
  // The edit names its field, never the values.
  await expect(rowOf("token.updated")).toContainText("Description");
  await expect(rowOf("token.revoked").getByRole("link", { name: "Audited token v2" })).toHaveAttribute("href", /\/manage\/integrations\/api-tokens\/[0-9a-f-]{36}$/);
  // Newest first.
  const actions = await table.locator("tbody tr td:nth-child(3) .font-mono").allTextContents();
  expect(actions.indexOf("user.invited")).toBeLessThan(actions.indexOf("token.revoked"));
  expect(actions.indexOf("token.revoked")).toBeLessThan(actions.indexOf("token.reset"));
  expect(actions.indexOf("token.reset")).toBeLessThan(actions.indexOf("token.created"));
  expect(actions.indexOf("token.created")).toBeLessThan(actions.indexOf("sign_in.failed"));
  await page.screenshot({ path: "test-results/audit-log.png", fullPage: true });

  // The export holds the same rows: each action, its actor and IP.
  const csv = await exportCsv(page);
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("time,actor,actor_kind,action,target_kind,target_id,target,ip,detail");
  for (const [action] of [...expected, ["sign_in.succeeded"]]) {
    expect(lines.some((line) => line.includes(`,${ADMIN},user,${action},`) && line.includes(`,${LOOPBACK},`)), action).toBe(true);
  }
  expect(csv).not.toContain(secret.slice(8));

  // The action filter narrows the page and the export alike.
  await page.getByLabel("Action").selectOption("token.reset");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=token\.reset/);
  await expect(table.getByRole("row").filter({ hasText: "token.created" })).toHaveCount(0);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(rowOf("token.reset")).toHaveCount(1);
  const filtered = (await exportCsv(page)).trim().split("\n");
  expect(filtered.slice(1).map((line) => line.split(",")[3])).toEqual(["token.reset"]);

  // Find a token: the revoked token by its (reset) secret; another account's token is none of this account's.
  await page.getByLabel("Find a token").fill(secret);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  const answer = page.getByRole("status").filter({ hasText: "It is" });
  await expect(answer.getByRole("link", { name: "Audited token v2" })).toBeVisible();
  await expect(answer).toContainText("Revoked");
  expect(page.url()).not.toContain(secret.slice(8));
  expect(await pageHolds(page, secret)).toBe(false);
  await page.screenshot({ path: "test-results/audit-log-found.png", fullPage: true });

  await page.getByLabel("Find a token").fill(theirs);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.getByText("No token of this account matches.")).toBeVisible();
  expect(await pageHolds(page, theirs)).toBe(false);
});

/** "Export" as CSV, read back. */
async function exportCsv(page: Page): Promise<string> {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  return readFileSync((await (await download).path())!, "utf8");
}

test("a marketer has no Audit log: no menu entry, and its page and export answer 404", async ({ page, browserConsole }) => {
  browserConsole.allow("404 page");
  await signInTo(page, "audit", "marketer");
  await page.getByRole("button", { name: "Manage" }).click();
  await expect(page.getByRole("link", { name: "Integrations" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  expect((await page.goto("/manage/audit-log"))?.status()).toBe(404);
  expect((await page.request.get("/manage/audit-log/export?format=csv")).status()).toBe(404);
});
