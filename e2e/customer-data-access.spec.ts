import { readFileSync } from "node:fs";
import { expect, test } from "./support/test";
import { acceptLeaveWarnings, createProfileToken, signInTo } from "./support/journey";

// PRODUCT.md §11: an admin answers a data-subject access request from Customer data access.
const JANE = "jane.remington@demo-retail.test";

test("an admin looks up Jane Remington: the token that read her, when and what, and the export holds the row", async ({ page }) => {
  test.setTimeout(180_000);
  acceptLeaveWarnings(page);
  await signInTo(page, "privacy");
  const { token } = await createProfileToken(page, "Loyalty app feed", "127.0.0.1");
  const read = await page.request.get(`/api/v1/profile?email=${encodeURIComponent(JANE)}`, { headers: { "Auth-Api-Token": token } });
  expect(read.status()).toBe(200);

  await page.getByRole("button", { name: "Manage" }).click();
  await page.getByRole("link", { name: "Customer data access" }).click();
  await expect(page.getByRole("heading", { name: "Customer data access" })).toBeVisible();
  await page.getByLabel("Customer email or ID").fill(JANE);
  const table = page.getByRole("table", { name: "API tokens that read this customer" });
  // The access log is written in batches every second: look up again until the read is there.
  await expect(async () => {
    await page.getByRole("button", { name: "Look up" }).click();
    await expect(table).toBeVisible({ timeout: 1_500 });
  }).toPass({ timeout: 20_000, intervals: [1_000] });
  await expect(page.getByRole("status").filter({ hasText: "1 API token read this customer in the last 90 days." })).toBeVisible();
  for (const column of ["API token", "Purpose", "First read", "Last read", "Reads", "Attributes returned"]) await expect(table.getByRole("columnheader", { name: column })).toBeVisible();
  const row = table.getByRole("row", { name: /Loyalty app feed/ });
  await expect(row.getByRole("link", { name: "Loyalty app feed" })).toHaveAttribute("href", /\/manage\/integrations\/api-tokens\/[0-9a-f-]{36}$/);
  await expect(row).toContainText("Personalisation");
  await expect(row).toContainText("email, first_name");
  await expect(row.getByRole("cell").nth(3)).toHaveText("1");
  // Typed and answered in the page: never in the URL.
  expect(page.url()).toMatch(/\/manage\/privacy$/);
  await page.screenshot({ path: ".data/screens/customer-data-access.png", fullPage: true });

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^customer-data-access-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(download.url()).not.toContain("jane");
  const lines = readFileSync((await download.path())!, "utf8").trimEnd().split("\n");
  expect(lines[0]).toBe("time,token,token_id,purpose,ip,linking_attribute,outcome,attributes,reads");
  expect(lines.slice(1)).toEqual([expect.stringMatching(/^\S+Z,Loyalty app feed,[0-9a-f-]{36},Personalisation,127\.0\.0\.1,email,found,email first_name,1$/)]);

  await page.getByLabel("Customer email or ID").fill("nobody.here@demo-retail.test");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByText("No API token read this customer in the last 90 days.")).toBeVisible();
  await expect(table).toHaveCount(0);

  // The lookups are on the audit log, without the value.
  await page.goto("/manage/audit-log?action=privacy.customer_looked_up");
  await expect(page.getByRole("table", { name: "Audit log, newest first" }).getByRole("row").filter({ hasText: "privacy.customer_looked_up" }).first()).toBeVisible();
  expect(await page.content()).not.toContain(JANE);
});

test("a marketer has no Customer data access: no menu entry, and its page and export answer 404", async ({ page, browserConsole }) => {
  browserConsole.allow("404 page");
  await signInTo(page, "privacy", "marketer");
  await page.getByRole("button", { name: "Manage" }).click();
  await expect(page.getByRole("link", { name: "Integrations" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Customer data access" })).toHaveCount(0);
  expect((await page.goto("/manage/privacy"))?.status()).toBe(404);
  expect((await page.request.post("/manage/privacy/export", { form: { value: JANE, format: "csv" } })).status()).toBe(404);
});
