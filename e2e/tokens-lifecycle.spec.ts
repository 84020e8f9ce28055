import { expect, test, type Page } from "./support/test";
import { msUntil } from "./support/instance";
import { acceptLeaveWarnings, createActivityToken, openNewTokenForm, signInTo } from "./support/journey";

// PRODUCT.md §12: pause and resume, Needs attention, and the account's token policy.

async function confirmInDialog(page: Page, action: "Pause API Token" | "Resume API Token") {
  await page.getByRole("button", { name: action }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: action }).click();
  await expect(dialog).toBeHidden();
}

/** The list's Status cell of the token whose row matches `name`. */
const statusOf = (page: Page, name: RegExp) => page.getByRole("row", { name }).getByRole("cell").nth(6);

test("a paused token answers 401 at once and shows Paused; resumed, it works again", async ({ page, request }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "lifecycle");
  const token = await createActivityToken(page, "Nightly export");
  const forms = (t: string) => request.get("/api/v1/forms", { headers: { Authorization: `Bearer ${t}` } });
  expect((await forms(token)).status()).toBe(200);

  await page.getByRole("link", { name: "Go to token settings" }).click();
  await confirmInDialog(page, "Pause API Token");
  expect(await msUntil(async () => (await forms(token)).status() === 401, 1_000)).toBeLessThanOrEqual(1_000);
  expect(await (await forms(token)).json()).toMatchObject({ error: { code: "invalid_token" } });
  await expect(page.getByText(/This token was paused on/)).toBeVisible();

  await page.goto("/manage/integrations/api-tokens");
  await expect(statusOf(page, /Nightly export/)).toHaveText("Paused");

  await page.getByRole("link", { name: "Nightly export" }).click();
  await confirmInDialog(page, "Resume API Token");
  expect(await msUntil(async () => (await forms(token)).status() === 200, 1_000)).toBeLessThanOrEqual(1_000);
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("cell", { name: "Paused", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Resumed", exact: true })).toBeVisible();
});

test('a token made with "Never" shows "Never expires" under Needs attention, linked to Shorten expiry', async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "lifecycle");
  await createActivityToken(page, "Lives for ever");
  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("columnheader", { name: "Needs attention" })).toBeVisible();
  const row = page.getByRole("row", { name: /Lives for ever/ });
  await expect(row.getByRole("cell").last()).toContainText("Never expires");
  await expect(page.getByText(/tokens? needs? attention/)).toBeVisible();
  await row.getByRole("link", { name: /Shorten expiry/ }).click();
  await expect(page.getByRole("heading", { name: "Expiry" })).toBeVisible();
  await expect(page.getByLabel("New expiry date")).toBeVisible();
});

test("a paused token still holds its place: 5 of 5 active, New API Token disabled", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "lifecycle-cap");
  await createActivityToken(page, "Fifth place");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await confirmInDialog(page, "Pause API Token");
  await expect(page.getByText(/This token was paused on/)).toBeVisible();

  await page.goto("/manage/integrations");
  await expect(page.getByRole("link", { name: /API Tokens/ })).toContainText("5 of 5 active");
  await page.getByRole("link", { name: /API Tokens/ }).click();
  await expect(page.getByRole("button", { name: "New API Token" })).toBeDisabled();
  await expect(statusOf(page, /Fifth place/)).toHaveText("Paused");
});

test('the policy\'s maximum lifetime removes "Never" from the New form; marketers get 404', async ({ page, browser, browserConsole }) => {
  browserConsole.allow("404 page");
  acceptLeaveWarnings(page);
  await signInTo(page, "token-policy");
  await page.goto("/manage/integrations/api-tokens");
  await page.getByRole("link", { name: "Token policy" }).click();
  await expect(page.getByRole("heading", { name: "Token policy" })).toBeVisible();
  const lifetime = page.getByRole("group", { name: "Maximum lifetime" });
  await expect(lifetime.getByRole("radio", { name: "No maximum" })).toBeChecked();
  await lifetime.getByRole("radio", { name: "90 days" }).check();
  await page.getByRole("group", { name: "Pause tokens not used for" }).getByRole("radio", { name: "60 days" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert", { name: "Form status" })).toHaveText("Token policy saved.");

  await openNewTokenForm(page);
  const expires = page.getByRole("group", { name: "Expires" });
  await expect(expires.getByRole("radio", { name: "90 days" })).toBeVisible();
  await expect(expires.getByRole("radio", { name: "Never" })).toHaveCount(0);

  const marketer = await browser.newPage();
  await signInTo(marketer, "token-policy", "marketer");
  await marketer.goto("/manage/integrations/api-tokens");
  await expect(marketer.getByRole("link", { name: "Token policy" })).toHaveCount(0);
  expect((await marketer.goto("/manage/integrations/api-tokens/policy"))?.status()).toBe(404);
  await marketer.close();
});
