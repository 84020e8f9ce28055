import { expect, test, type Page } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { acceptLeaveWarnings, createActivityToken, signInTo } from "./support/journey";
import { INVITE_NOTE } from "./support/team";

test("the sign-in page has no axe violations, with and without errors", async ({ page }) => {
  await page.goto("/login");
  await expectNoAxeViolations(page, "login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address")).toBeVisible();
  await expectNoAxeViolations(page, "login with errors");
});

test("every console page and dialog has no axe violations", async ({ page }) => {
  test.setTimeout(180_000);
  acceptLeaveWarnings(page);
  await signInTo(page, "a11y");
  await expectNoAxeViolations(page, "integrations");
  await page.getByRole("button", { name: "Manage" }).click();
  await expectNoAxeViolations(page, "manage menu open");

  await page.goto("/manage/integrations/api-tokens");
  await expectNoAxeViolations(page, "empty token list");

  await page.goto("/manage/integrations/api-tokens/new");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a description")).toBeVisible();
  await expectNoAxeViolations(page, "new token with errors");
  await page.getByRole("radio", { name: "Profile Read" }).check();
  await page.getByRole("radio", { name: "Custom", exact: true }).check();
  await expectNoAxeViolations(page, "new Profile Read token");

  await page.goto("/manage/integrations");
  await createActivityToken(page, "Accessible token");
  await expectNoAxeViolations(page, "secret reveal");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await expect(page.getByRole("tab", { name: "Details" })).toBeVisible();
  await expectNoAxeViolations(page, "details");

  await page.getByRole("button", { name: "Reset API Token" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page, "reset dialog");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Revoke API Token" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page, "revoke dialog");
  await page.keyboard.press("Escape");

  await page.getByRole("tab", { name: "Usage" }).click();
  await expect(page).toHaveURL(/\/usage$/);
  await expectNoAxeViolations(page, "usage");
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page).toHaveURL(/\/history$/);
  await expectNoAxeViolations(page, "history");

  await page.goto("/manage/integrations/api-tokens");
  await expectNoAxeViolations(page, "token list");

  await page.goto("/manage/audit-log");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expectNoAxeViolations(page, "audit log");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.getByText("Paste the token to look for.")).toBeVisible();
  await expectNoAxeViolations(page, "audit log find a token with an error");
});

test("the token list with Needs attention, the pause dialog and the token policy page have no axe violations", async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: `.data/screens/${name}.png`, fullPage: true });
  await signInTo(page, "lifecycle-a11y");
  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("columnheader", { name: "Needs attention" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Needs a look/ })).toContainText("Never expires");
  await expectNoAxeViolations(page, "token list with Needs attention");
  await shot("token-list-needs-attention");

  await page.getByRole("link", { name: "Needs a look" }).click();
  await page.getByRole("button", { name: "Pause API Token" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page, "pause dialog");
  await page.keyboard.press("Escape");

  await page.goto("/manage/integrations/api-tokens/policy");
  await expect(page.getByRole("heading", { name: "Token policy" })).toBeVisible();
  await expectNoAxeViolations(page, "token policy");
  await shot("token-policy");
});

test("the Team page, its dialogs, the invite reveal and the join page have no axe violations", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const shot = (p: Page, name: string) => p.screenshot({ path: `.data/screens/${name}.png`, fullPage: true });
  await signInTo(page, "team-a11y");
  await page.goto("/manage/team");
  await expect(page.getByRole("heading", { name: "Team", exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "team");
  await shot(page, "team");

  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  await expect(dialog.getByText("Enter an email address")).toBeVisible();
  await expectNoAxeViolations(page, "invite dialog with errors");
  await dialog.getByLabel("Email").fill(`a11y-${Date.now()}@team-e2e.test`);
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  await expect(dialog.getByText(INVITE_NOTE)).toBeVisible();
  await expectNoAxeViolations(page, "invite reveal");
  await shot(page, "invite-reveal");
  const link = await dialog.getByLabel("Invite link").inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();

  const row = page.getByRole("table", { name: /Users of/ }).getByRole("row", { name: /Max e2e-team-a11y/ });
  await row.getByRole("button", { name: "Change role" }).click();
  await expectNoAxeViolations(page, "change role dialog");
  await shot(page, "change-role");
  await page.keyboard.press("Escape");
  await row.getByRole("button", { name: "Remove user" }).click();
  await expectNoAxeViolations(page, "remove dialog");
  await page.keyboard.press("Escape");
  await row.getByRole("button", { name: "Reset password" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Create reset link" }).click();
  await expect(page.getByRole("dialog").getByLabel("Password reset link")).toBeVisible();
  await expectNoAxeViolations(page, "reset link reveal");
  await page.keyboard.press("Escape");
  await page.reload();
  await expectNoAxeViolations(page, "team with a pending invite");
  await shot(page, "team-with-invite");

  const context = await browser.newContext();
  const joiner = await context.newPage();
  await joiner.goto(link);
  await expect(joiner.getByRole("heading", { name: /^Join / })).toBeVisible();
  await expectNoAxeViolations(joiner, "join");
  await shot(joiner, "join");
  await joiner.getByRole("button", { name: "Create account" }).click();
  await expect(joiner.getByText("Enter your name")).toBeVisible();
  await expectNoAxeViolations(joiner, "join with errors");
  await shot(joiner, "join-errors");
  await joiner.goto("/invite/not-a-real-code");
  await expect(joiner.getByText("This invite link is no longer valid.")).toBeVisible();
  await expectNoAxeViolations(joiner, "invalid invite");
  await shot(joiner, "invalid-invite");
  await context.close();
});

test("My account and the two-factor set-up have no axe violations", async ({ page }) => {
  await signInTo(page, "account-a11y");
  await page.getByRole("link", { name: "My account" }).click();
  await expect(page.getByRole("heading", { name: "My account", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, "my account");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Enter your current password")).toBeVisible();
  await expectNoAxeViolations(page, "my account with errors");
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  await expectNoAxeViolations(page, "two-factor set-up");
});

test("Customer data access, empty, with an error and with an answer, has no axe violations", async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: `.data/screens/${name}.png`, fullPage: true });
  await signInTo(page, "privacy-a11y");
  await page.goto("/manage/privacy");
  await expect(page.getByRole("heading", { name: "Customer data access" })).toBeVisible();
  await expectNoAxeViolations(page, "customer data access");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByText("Enter the customer's email or customer ID.")).toBeVisible();
  await expectNoAxeViolations(page, "customer data access with an error");
  await page.getByLabel("Customer email or ID").fill("jane.remington@demo-retail.test");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByText("No API token read this customer in the last 90 days.")).toBeVisible();
  await expectNoAxeViolations(page, "customer data access with an answer");
  await shot("customer-data-access-none");
});
