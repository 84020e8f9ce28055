import { readFileSync } from "node:fs";
import { expect, test } from "./support/test";
import { acceptLeaveWarnings, createActivityToken, pageHolds, signInTo } from "./support/journey";

// PRODUCT.md §10: the account's audit log, as an admin uses it after an incident.

test("an admin sees a token's creation and revocation on the audit log, filters it, exports it and finds the token by its secret", async ({ page }) => {
  test.setTimeout(180_000);
  acceptLeaveWarnings(page);
  await signInTo(page, "audit");
  const secret = await createActivityToken(page, "Audited token");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await page.getByRole("button", { name: "Revoke API Token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke API Token" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();

  await page.getByRole("button", { name: "Manage" }).click();
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const table = page.getByRole("table", { name: "Audit log, newest first" });
  for (const column of ["Time", "Actor", "Action", "Target", "IP"]) await expect(table.getByRole("columnheader", { name: column })).toBeVisible();
  const revoked = table.getByRole("row").filter({ hasText: "token.revoked" });
  const created = table.getByRole("row").filter({ hasText: "token.created" });
  await expect(revoked).toHaveCount(1);
  await expect(created).toHaveCount(1);
  await expect(revoked.getByRole("link", { name: "Audited token" })).toHaveAttribute("href", /\/manage\/integrations\/api-tokens\/[0-9a-f-]{36}$/);
  await expect(revoked).toContainText("Ada e2e-audit");
  await expect(table.getByRole("row").filter({ hasText: "sign_in.succeeded" }).first()).toBeVisible();
  // Newest first: the revocation sits above the creation.
  const actions = await table.locator("tbody tr td:nth-child(3) .font-mono").allTextContents();
  expect(actions.indexOf("token.revoked")).toBeLessThan(actions.indexOf("token.created"));
  await page.screenshot({ path: "test-results/audit-log.png", fullPage: true });

  await page.getByLabel("Action").selectOption("token.revoked");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=token\.revoked/);
  await expect(table.getByRole("row").filter({ hasText: "token.created" })).toHaveCount(0);
  await expect(table.getByRole("row").filter({ hasText: "token.revoked" })).toHaveCount(1);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8");
  expect(csv.split("\n")[0]).toBe("time,actor,actor_kind,action,target_kind,target_id,target,ip,detail");
  expect(csv).toContain(",token.revoked,token,");
  expect(csv).not.toContain("token.created");

  await page.getByLabel("Find a token").fill(secret);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  const answer = page.getByRole("status").filter({ hasText: "It is" });
  await expect(answer.getByRole("link", { name: "Audited token" })).toBeVisible();
  await expect(answer).toContainText("Revoked");
  expect(page.url()).not.toContain(secret.slice(8));
  expect(await pageHolds(page, secret)).toBe(false);
  await page.screenshot({ path: "test-results/audit-log-found.png", fullPage: true });

  await page.getByLabel("Find a token").fill("hub_act_" + "0".repeat(38));
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.getByText("No token of this account matches.")).toBeVisible();
});

test("a marketer has no Audit log: no menu entry, and its page and export answer 404", async ({ page, browserConsole }) => {
  browserConsole.allow("404 page");
  await signInTo(page, "audit", "marketer");
  await page.getByRole("button", { name: "Manage" }).click();
  await expect(page.getByRole("link", { name: "Integrations" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  expect((await page.goto("/manage/audit-log"))?.status()).toBe(404);
  expect((await page.request.get("/manage/audit-log/export?format=csv")).status()).toBe(404);
});
