import { expect, test } from "./support/test";
import { msUntil } from "./support/instance";
import { acceptLeaveWarnings, createActivityToken, revealedToken, signInTo } from "./support/journey";

test("a token made in the console works at once, shows up in Usage, and dies at once on reset and revoke", async ({ page, request }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "api");
  const token = await createActivityToken(page, "Works straight away");
  await expect(page.getByText(/curl -H "Authorization: Bearer \$HUB_API_TOKEN" http:\/\/127\.0\.0\.1:\d+\/api\/v1\/users/)).toBeVisible();

  const users = (t: string) => request.get("/api/v1/users", { headers: { Authorization: `Bearer ${t}` } });
  const first = await users(token);
  expect(first.status()).toBe(200);
  expect(first.headers()["ratelimit-policy"]).toBe('"default";q=600;w=60');
  expect((await request.get("/api/v1/groups", { headers: { "Auth-Api-Token": token } })).status()).toBe(200);

  await page.getByRole("link", { name: "Go to token settings" }).click();
  await page.getByRole("tab", { name: "Usage" }).click();
  await expect(page).toHaveURL(/\/usage$/);
  // Usage is written in batches every few seconds: the daily counts and "last used" by writers of
  // their own, so one page load may show one without the other.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/Allowed: 2/)).toBeVisible({ timeout: 1_000 });
    await expect(page.getByText("127.0.0.1", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  await page.getByRole("tab", { name: "Details" }).click();
  await page.getByRole("button", { name: "Reset API Token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset API Token" }).click();
  const replacement = await revealedToken(page, "hub_act_");
  expect(await msUntil(async () => (await users(token)).status() === 401, 1_000)).toBeLessThanOrEqual(1_000);
  expect((await users(replacement)).status()).toBe(200);
  await page.getByRole("button", { name: "Done" }).click();

  await page.getByRole("button", { name: "Revoke API Token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke API Token" }).click();
  await expect(page.getByText(/This token was revoked on/)).toBeVisible();
  expect(await msUntil(async () => (await users(replacement)).status() === 401, 1_000)).toBeLessThanOrEqual(1_000);

  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("row", { name: /Works straight away/ })).not.toContainText("Never");
});
