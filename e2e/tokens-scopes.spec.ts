import { expect, test, type Page } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { acceptLeaveWarnings, openNewTokenForm, revealedToken, signInTo } from "./support/journey";

// PRODUCT.md §11: an Activity token's Scopes, and a Profile Read token's Purpose and daily limit.

const SCOPES = ["Users", "Groups", "Forms", "Activity data"] as const;
const scopeBox = (page: Page, name: (typeof SCOPES)[number]) => page.getByRole("group", { name: "Scopes" }).getByRole("checkbox", { name, exact: true });

test("an Activity token with only Groups: the API refuses the rest until Users is added in Details", async ({ page, request }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "scopes");
  await openNewTokenForm(page);
  // All four ticked on New.
  for (const name of SCOPES) await expect(scopeBox(page, name)).toBeChecked();
  await page.screenshot({ path: "test-results/scopes-new-activity.png", fullPage: true });

  await page.getByLabel("Description").fill("Groups dashboard");
  for (const name of ["Users", "Forms", "Activity data"] as const) await scopeBox(page, name).uncheck();
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  const token = await revealedToken(page, "hub_act_");

  const call = (path: string) => request.get(path, { headers: { Authorization: `Bearer ${token}` } });
  expect((await call("/api/v1/groups")).status()).toBe(200);
  const refused = await call("/api/v1/users");
  expect(refused.status()).toBe(403);
  expect(refused.headers()["www-authenticate"]).toBe('Bearer error="insufficient_scope", scope="users:read"');
  expect((await refused.json()).error).toMatchObject({ code: "insufficient_scope", message: expect.stringContaining("users:read") });

  // Details shows the one scope; adding Users lets the token read users.
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await expect(page.getByRole("heading", { name: "Groups dashboard" })).toBeVisible();
  await expect(scopeBox(page, "Groups")).toBeChecked();
  for (const name of ["Users", "Forms", "Activity data"] as const) await expect(scopeBox(page, name)).not.toBeChecked();
  // "Try it" offers only what the token may call.
  const tryIt = page.getByRole("region", { name: "Try it" });
  await expect(tryIt).toContainText("/api/v1/groups");
  await expect(tryIt).not.toContainText("/api/v1/users");
  await page.screenshot({ path: "test-results/scopes-details.png", fullPage: true });
  await scopeBox(page, "Users").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert", { name: "Form status" })).toHaveText("Changes saved.");
  await expect.poll(async () => (await call("/api/v1/users")).status(), { timeout: 5_000 }).toBe(200);
  expect((await call("/api/v1/forms")).status()).toBe(403);

  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("row", { name: /Edited/ })).toContainText("Scopes: Groups → Users, Groups");
  await page.getByRole("link", { name: "API Tokens" }).click();
  await expect(page.getByRole("row", { name: /Groups dashboard/ })).toContainText("Scopes: Users, Groups");
  await page.screenshot({ path: "test-results/scopes-list.png", fullPage: true });
});

test("an Activity token with no scope ticked is refused next to the field and not saved", async ({ page }) => {
  await signInTo(page, "scopes");
  await openNewTokenForm(page);
  await page.getByLabel("Description").fill("No scopes at all");
  for (const name of SCOPES) await scopeBox(page, name).uncheck();
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("group", { name: "Scopes" })).toContainText("Choose at least one scope");
  await expect(page.getByLabel("Your new API token")).toHaveCount(0);
  await expectNoAxeViolations(page, "no scope ticked");
  await page.getByRole("link", { name: "API Tokens" }).click();
  await expect(page.getByRole("row", { name: /No scopes at all/ })).toHaveCount(0);
});

test("a Profile Read token's Purpose and Daily profile limit: defaults, a bad limit, then saved and shown in Details", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "scopes");
  await openNewTokenForm(page);
  await page.getByRole("radio", { name: "Profile Read" }).check();
  await expect(page.getByRole("group", { name: "Scopes" })).toHaveCount(0);
  const purpose = page.getByRole("group", { name: "Purpose" });
  await expect(purpose.getByRole("radio", { name: "Personalisation" })).toBeChecked();
  const limit = page.getByLabel("Daily profile limit (distinct customers)");
  await expect(limit).toHaveValue("10000");

  await page.getByLabel("Description").fill("Service desk lookups");
  await page.getByRole("group", { name: "Attributes to expose" }).getByRole("checkbox", { name: "Email", exact: true }).check();
  await page.getByRole("group", { name: "Linking attribute" }).getByRole("radio", { name: "Email", exact: true }).check();
  await page.getByLabel("IP address or range").first().fill("203.0.113.0/24");
  await purpose.getByRole("radio", { name: "Customer service" }).check();
  await limit.fill("0");
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.screenshot({ path: "test-results/scopes-new-profile-read.png", fullPage: true });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a limit from 1 to 1,000,000 customers")).toBeVisible();
  await expect(limit).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, "a daily limit of 0");

  await limit.fill("2500");
  await page.getByRole("button", { name: "Save" }).click();
  await revealedToken(page, "hub_prf_");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await expect(page.getByRole("heading", { name: "Service desk lookups" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Purpose" }).getByRole("radio", { name: "Customer service" })).toBeChecked();
  await expect(page.getByLabel("Daily profile limit (distinct customers)")).toHaveValue("2500");
  await page.screenshot({ path: "test-results/scopes-details-profile-read.png", fullPage: true });
});
