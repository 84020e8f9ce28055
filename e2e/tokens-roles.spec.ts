import { expect, test } from "./support/test";
import { acceptLeaveWarnings, createActivityToken, HIDDEN_KEY_TEXT, openNewTokenForm, signInTo } from "./support/journey";
import { demoUsers, signIn } from "./support/users";

test("a marketer sees every token, creates Activity tokens, and cannot touch Profile Read, reset or revoke", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "roles", "marketer");
  await openNewTokenForm(page);
  await expect(page.getByRole("radio", { name: "Profile Read" })).toBeDisabled();
  await expect(page.getByText("Only admins can create Profile Read tokens.")).toBeVisible();
  await page.getByRole("link", { name: "API Tokens" }).click();

  await page.getByRole("link", { name: "Seeded profile feed" }).click();
  await expect(page.getByText(HIDDEN_KEY_TEXT)).toBeVisible();
  await expect(page.getByText("Only admins can change Profile Read tokens, because they expose personal data.")).toBeVisible();
  await expect(page.getByLabel("Description")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reset API Token" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Revoke API Token" })).toHaveCount(0);
  for (const tab of ["Usage", "History"]) {
    await page.getByRole("tab", { name: tab }).click();
    await expect(page.getByRole("tab", { name: tab })).toHaveAttribute("aria-selected", "true");
  }

  await page.goto("/manage/integrations/api-tokens");
  await page.getByRole("link", { name: "Seeded activity feed" }).click();
  // The limit is shown, read-only: only admins change it (the action refuses it too).
  await expect(page.getByLabel("Rate limit (requests per minute)")).toHaveValue("600");
  await expect(page.getByLabel("Rate limit (requests per minute)")).not.toBeEditable();
  await expect(page.getByText("Only admins can change the rate limit.")).toBeVisible();
  await page.getByLabel("Description").fill("Seeded activity feed (edited by marketer)");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert", { name: "Form status" })).toHaveText("Changes saved.");
  await expect(page.getByRole("button", { name: "Reset API Token" })).toHaveCount(0);

  await createActivityToken(page, "Marketer's own report");
});

test("another account's admin gets a plain 404 for this account's token", async ({ page, browser, browserConsole }) => {
  browserConsole.allow("404 page");
  await signInTo(page, "roles", "admin");
  await page.goto("/manage/integrations/api-tokens");
  await page.getByRole("link", { name: "Seeded activity feed" }).click();
  await expect(page.getByRole("tab", { name: "Details" })).toBeVisible();
  const tokenUrl = new URL(page.url()).pathname;

  const other = await browser.newPage();
  await signIn(other, demoUsers.otherAdmin);
  await expect(other.getByRole("heading", { name: "Integrations" })).toBeVisible();
  for (const path of [tokenUrl, `${tokenUrl}/history`, "/manage/integrations/api-tokens/00000000-0000-4000-8000-000000000000"]) {
    const response = await other.goto(path);
    expect(response?.status()).toBe(404);
    await expect(other.getByText("Seeded activity feed")).toHaveCount(0);
  }
  await other.goto("/manage/integrations/api-tokens");
  await expect(other.getByText("Seeded activity feed")).toHaveCount(0);
  await other.close();
});
