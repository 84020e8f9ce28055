import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { acceptLeaveWarnings, createActivityToken, signInTo } from "./support/journey";

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
