import { expect, test } from "./support/test";
import { msUntil } from "./support/instance";
import { acceptLeaveWarnings, createActivityToken, openNewTokenForm, revealedToken, signInTo } from "./support/journey";

test("reset with a 1 hour overlap: both tokens work, the old one is announced as deprecated, then stopped early", async ({ page, request }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "rotation");
  const old = await createActivityToken(page, "Nightly export");
  const users = (t: string) => request.get("/api/v1/users", { headers: { Authorization: `Bearer ${t}` } });
  expect((await users(old)).status()).toBe(200);

  await page.getByRole("link", { name: "Go to token settings" }).click();
  await page.getByRole("button", { name: "Reset API Token" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset this API token?" });
  const keep = dialog.getByRole("radiogroup", { name: "Keep the old token working for" });
  await expect(keep.getByRole("radio", { name: "No, stop it now" })).toBeChecked();
  await keep.getByRole("radio", { name: "1 hour" }).check();
  await dialog.getByRole("button", { name: "Reset API Token" }).click();
  const fresh = await revealedToken(page, "hub_act_");
  await page.getByRole("button", { name: "Done" }).click();

  const viaOld = await users(old);
  expect(viaOld.status()).toBe(200);
  expect(viaOld.headers()["deprecation"]).toMatch(/^@\d+$/);
  expect(viaOld.headers()["sunset"]).toMatch(/GMT$/);
  const viaNew = await users(fresh);
  expect(viaNew.status()).toBe(200);
  expect(viaNew.headers()).not.toHaveProperty("deprecation");
  expect(viaNew.headers()).not.toHaveProperty("sunset");

  const overlap = page.getByRole("region", { name: "Old token" });
  await expect(overlap.getByText(/^Old token works until \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/)).toBeVisible();
  await expect(overlap).toContainText(old.slice(0, 11));

  await overlap.getByRole("button", { name: "Stop old token now" }).click();
  const stop = page.getByRole("dialog", { name: "Stop the old token now?" });
  await stop.getByRole("button", { name: "Stop old token now" }).click();
  await expect(stop).toBeHidden();
  await expect(page.getByRole("region", { name: "Old token" })).toHaveCount(0);
  expect(await msUntil(async () => (await users(old)).status() === 401, 1_000)).toBeLessThanOrEqual(1_000);
  expect((await users(fresh)).status()).toBe(200);

  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("cell", { name: "Old token stopped", exact: true })).toBeVisible();
  await expect(page.getByText("1 hour", { exact: true })).toBeVisible();
});

test("a token that expires: the choice, the warning, the banner and Hub-Token-Expires", async ({ page, request }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "rotation");
  await openNewTokenForm(page);
  await page.getByRole("radio", { name: "Activity" }).check();
  await page.getByLabel("Description").fill("Week-long pilot");
  const expires = page.getByRole("group", { name: "Expires" });
  await expect(expires.getByRole("radio", { name: "Never" })).toBeChecked();
  await expires.getByRole("radio", { name: "Custom date" }).check();
  // Today is refused; five days out is taken.
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Expiry date").fill(day(0));
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Choose a date from tomorrow on")).toBeVisible();
  await page.getByLabel("Expiry date").fill(day(5));
  await page.getByRole("button", { name: "Save" }).click();
  const token = await revealedToken(page, "hub_act_");

  const answer = await request.get("/api/v1/users", { headers: { Authorization: `Bearer ${token}` } });
  expect(answer.headers()["hub-token-expires"]).toBe(`${day(5)}T00:00:00.000Z`);

  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("row", { name: /Week-long pilot/ })).toContainText(/Expires in [45] days/);
  await expect(page.getByText(/^\d+ tokens? expires? within 7 days$/)).toBeVisible();
  await page.goto("/manage/integrations");
  await expect(page.getByRole("link", { name: /API Tokens/ })).toContainText(/tokens? expires? within 7 days/);
});
