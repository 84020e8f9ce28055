import { readFileSync } from "node:fs";
import { expect, test } from "./support/test";
import { acceptLeaveWarnings, createActivityToken, openNewTokenForm, signInTo } from "./support/journey";
import { journeySlug } from "./support/fixtures";
import { SERVER_LOG } from "./support/server-log";
import { inviteFromTeamPage, JOIN_PASSWORD, joinThrough } from "./support/team";
import { signIn } from "./support/users";

const accountName = (key: "team" | "team-reset") => `Test ${journeySlug(key)}`;
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

test("an admin invites a marketer, who joins, works with Activity tokens only, and is removed", async ({ page, browser, browserConsole }) => {
  test.setTimeout(180_000);
  browserConsole.allow("404 page");
  acceptLeaveWarnings(page);
  await signInTo(page, "team");
  const email = `joiner-${unique()}@team-e2e.test`;
  const link = await inviteFromTeamPage(page, email, "Marketer");
  await page.getByRole("button", { name: "Done" }).click();
  const invites = page.getByRole("table", { name: /Pending invites/ });
  await expect(invites.getByRole("row", { name: new RegExp(email) })).toContainText("Marketer");

  // The invited person, in a browser of their own.
  const joiner = await browser.newContext();
  const mia = await joiner.newPage();
  acceptLeaveWarnings(mia);
  const name = `Mia ${unique()}`;
  await joinThrough(mia, link, accountName("team"), name);
  await createActivityToken(mia, "Mia's activity feed");
  await mia.getByRole("link", { name: "Go to token settings" }).click();
  await expect(mia.getByRole("tab", { name: "Details" })).toBeVisible();
  await openNewTokenForm(mia);
  await expect(mia.getByRole("radio", { name: "Profile Read" })).toBeDisabled();
  await mia.getByRole("button", { name: "Manage" }).click();
  await expect(mia.getByRole("link", { name: "Team" })).toHaveCount(0);
  await mia.keyboard.press("Escape");
  expect((await mia.goto("/manage/team"))?.status()).toBe(404);
  await mia.goto("/manage/integrations/api-tokens/new");

  // The admin sees her in the team, then removes her.
  await page.reload();
  await expect(invites.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);
  const row = page.getByRole("table", { name: /Users of/ }).getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Marketer");
  await expect(row).toContainText("Off");
  await row.getByRole("button", { name: "Remove user" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove user" }).click();
  // While the dialog is open the table is hidden from the accessibility tree: wait for it to close.
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText(name)).toHaveCount(0);

  // Her open page's next navigation lands on sign-in; she cannot sign in again.
  await mia.getByRole("link", { name: "API Tokens" }).click();
  await expect(mia).toHaveURL(/\/login/);
  await signIn(mia, email, JOIN_PASSWORD);
  await expect(mia.getByText("The email or password is incorrect.")).toBeVisible();

  // Her token stays with the account, and says who made it.
  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("row", { name: /Mia's activity feed/ })).toContainText(`${name} (removed)`);

  // The same link again.
  await mia.goto(link);
  await expect(mia.getByText("This invite link is no longer valid.")).toBeVisible();
  await joiner.close();

  // The link's code never reached the server's log.
  const code = link.split("/").pop()!;
  const logText = readFileSync(SERVER_LOG, "utf8");
  expect(logText).toContain('"path":"/invite/[code]"');
  expect(logText).not.toContain(code);
});

test("an admin's password-reset link works once", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInTo(page, "team-reset");
  await page.goto("/manage/team");
  const row = page.getByRole("table", { name: /Users of/ }).getByRole("row", { name: /Max e2e-team-reset/ });
  await row.getByRole("button", { name: "Reset password" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create reset link" }).click();
  await expect(dialog.getByText("This link works once and expires in 1 hour.")).toBeVisible();
  const link = await dialog.getByLabel("Password reset link").inputValue();
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);

  const context = await browser.newContext();
  const max = await context.newPage();
  await max.goto(link);
  await expect(max.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  const password = `new password ${unique()}`;
  await max.getByLabel("New password", { exact: true }).fill(password);
  await max.getByLabel("Confirm new password").fill(password);
  await max.getByRole("button", { name: "Set new password" }).click();
  await expect(max.getByText("Your password has been reset. Sign in with your new password.")).toBeVisible();
  await signIn(max, `marketer@${journeySlug("team-reset")}.test`, password);
  await expect(max.getByRole("heading", { name: "Integrations" })).toBeVisible();

  await max.goto(link);
  await expect(max.getByText("This password reset link is no longer valid.")).toBeVisible();
  await context.close();
  const logText = readFileSync(SERVER_LOG, "utf8");
  expect(logText).not.toContain(link.split("/").pop()!);
});
