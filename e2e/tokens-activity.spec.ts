import { expect, test } from "./support/test";
import {
  acceptLeaveWarnings,
  createActivityToken,
  HIDDEN_KEY_TEXT,
  openNewTokenForm,
  pageHolds,
  revealedToken,
  signInTo,
} from "./support/journey";

test("create an Activity token: shown once, copied, never again", async ({ page, context }) => {
  acceptLeaveWarnings(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInTo(page, "activity");
  await openNewTokenForm(page);

  // The reveal response must not be cacheable.
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/api-tokens/new"));
  await page.getByRole("radio", { name: "Activity" }).check();
  await page.getByLabel("Description").fill("Quarterly reporting export");
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  const response = await saved;
  expect(response.headers()["cache-control"]).toContain("no-store");

  const token = await revealedToken(page, "hub_act_");
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText("Copied to clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  // Reload: the form again, no secret.
  await page.reload();
  await expect(page.getByRole("heading", { name: "New API Token" })).toBeVisible();
  await expect(page.getByLabel("Your new API token")).toHaveCount(0);
  expect(await pageHolds(page, token)).toBe(false);

  // Back: the list, with only the prefix.
  await page.goBack();
  await expect(page.getByRole("heading", { name: "API Tokens", exact: true })).toBeVisible();
  const row = page.getByRole("row", { name: /Quarterly reporting export/ });
  await expect(row).toContainText(`${token.slice(0, 11)}…`);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Activity");
  expect(await pageHolds(page, token)).toBe(false);

  // Details: the notice where the key was, and still no secret.
  await row.getByRole("link", { name: "Quarterly reporting export" }).click();
  await expect(page.getByRole("heading", { name: "Quarterly reporting export" })).toBeVisible();
  await expect(page.getByText(HIDDEN_KEY_TEXT)).toBeVisible();
  await expect(page.getByRole("tab", { name: "Details" })).toHaveAttribute("aria-selected", "true");
  expect(await pageHolds(page, token)).toBe(false);

  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("cell", { name: "Created" })).toBeVisible();
  expect(await pageHolds(page, token)).toBe(false);
});

test("edit an Activity token's details; History shows old → new", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "activity");
  await createActivityToken(page, "Nightly team metrics");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await expect(page.getByRole("heading", { name: "Nightly team metrics" })).toBeVisible();

  await page.getByLabel("Description").fill("Nightly team metrics (BI)");
  await page.getByRole("button", { name: "Add IP" }).click();
  await page.getByLabel("IP address or range").last().fill("198.51.100.0/24");
  await page.getByLabel("Rate limit (requests per minute)").fill("120");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert", { name: "Form status" })).toHaveText("Changes saved.");
  await expect(page.getByRole("heading", { name: "Nightly team metrics (BI)" })).toBeVisible();

  await page.getByRole("tab", { name: "History" }).click();
  const edited = page.getByRole("row", { name: /Edited/ });
  await expect(edited).toContainText("Description: Nightly team metrics → Nightly team metrics (BI)");
  await expect(edited).toContainText("IP whitelist: (none) → 198.51.100.0/24");
  await expect(edited).toContainText("Rate limit (requests per minute): 600 → 120");
  await expect(edited).toContainText("127.0.0.1");
});

test("bad input is named next to the field and nothing is saved", async ({ page }) => {
  await signInTo(page, "activity");
  await openNewTokenForm(page);
  await page.getByLabel("Description").fill("x".repeat(101));
  await page.getByRole("button", { name: "Add IP" }).click();
  await page.getByLabel("IP address or range").fill("10.0.0.300");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Use 100 characters or fewer")).toBeVisible();
  await expect(page.getByText("Enter an IPv4 or IPv6 address, or a range such as 203.0.113.0/24")).toBeVisible();
  await expect(page.getByText("You must agree to the terms and conditions")).toBeVisible();
  await expect(page.getByLabel("Description")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Your new API token")).toHaveCount(0);

  await page.getByRole("link", { name: "API Tokens" }).click();
  await expect(page.getByRole("row", { name: /xxxxxxxxxx/ })).toHaveCount(0);
});
