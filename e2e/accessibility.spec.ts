import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { acceptLeaveWarnings, createActivityToken, signInTo } from "./support/journey";

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, what).toEqual([]);
}

test("the sign-in page has no axe violations, with and without errors", async ({ page }) => {
  await page.goto("/login");
  await expectNoViolations(page, "login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address")).toBeVisible();
  await expectNoViolations(page, "login with errors");
});

test("every console page and dialog has no axe violations", async ({ page }) => {
  test.setTimeout(180_000);
  acceptLeaveWarnings(page);
  await signInTo(page, "a11y");
  await expectNoViolations(page, "integrations");
  await page.getByRole("button", { name: "Manage" }).click();
  await expectNoViolations(page, "manage menu open");

  await page.goto("/manage/integrations/api-tokens");
  await expectNoViolations(page, "empty token list");

  await page.goto("/manage/integrations/api-tokens/new");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a description")).toBeVisible();
  await expectNoViolations(page, "new token with errors");
  await page.getByRole("radio", { name: "Profile Read" }).check();
  await page.getByRole("radio", { name: "Custom", exact: true }).check();
  await expectNoViolations(page, "new Profile Read token");

  await page.goto("/manage/integrations");
  await createActivityToken(page, "Accessible token");
  await expectNoViolations(page, "secret reveal");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await expect(page.getByRole("tab", { name: "Details" })).toBeVisible();
  await expectNoViolations(page, "details");

  await page.getByRole("button", { name: "Reset API Token" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoViolations(page, "reset dialog");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Revoke API Token" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoViolations(page, "revoke dialog");
  await page.keyboard.press("Escape");

  await page.getByRole("tab", { name: "Usage" }).click();
  await expect(page).toHaveURL(/\/usage$/);
  await expectNoViolations(page, "usage");
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page).toHaveURL(/\/history$/);
  await expectNoViolations(page, "history");

  await page.goto("/manage/integrations/api-tokens");
  await expectNoViolations(page, "token list");
});
