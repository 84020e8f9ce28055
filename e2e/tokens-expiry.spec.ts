import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "./support/test";
import { msUntil, startInstance } from "./support/instance";
import { acceptLeaveWarnings, openNewTokenForm, revealedToken, signInTo } from "./support/journey";

// The clock journey runs its own instance, whose token clock it moves; the policy journey runs the
// operator command. Both need the database outside the app process: real Postgres.
const SHARED_DATABASE = "needs real Postgres shared by processes";

const DAY_MS = 86_400_000;
const day = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10);

test("a 30-day token: listed with its expiry; with the server's clock 31 days on it is refused, shows Expired and frees its slot", async ({ browser }) => {
  test.skip(!process.env.DATABASE_URL, SHARED_DATABASE);
  const folder = mkdtempSync(join(tmpdir(), "hub-clock-"));
  const clockFile = join(folder, "offset-ms");
  writeFileSync(clockFile, "0");
  const instance = await startInstance(3202, { HUB_TEST_CLOCK_FILE: clockFile, HUB_TEST_SWITCHES: "allow" });
  const context = await browser.newContext({ baseURL: instance.url });
  try {
    const page = await context.newPage();
    acceptLeaveWarnings(page);
    await signInTo(page, "expiry");
    await expect(page.getByRole("link", { name: /API Tokens/ })).toContainText("4 of 5 active");
    await openNewTokenForm(page);
    await page.getByRole("radio", { name: "Activity" }).check();
    await page.getByLabel("Description").fill("Monthly pilot");
    await page.getByRole("group", { name: "Expires" }).getByRole("radio", { name: "30 days" }).check();
    await page.getByLabel("I agree to the terms and conditions").check();
    await page.getByRole("button", { name: "Save" }).click();
    const token = await revealedToken(page, "hub_act_");

    const users = () => context.request.get(`${instance.url}/api/v1/users`, { headers: { Authorization: `Bearer ${token}` } });
    const live = await users();
    expect(live.status()).toBe(200);
    const expiresAt = live.headers()["hub-token-expires"]!;
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(29 * DAY_MS);

    await page.goto("/manage/integrations/api-tokens");
    const row = page.getByRole("row", { name: /Monthly pilot/ });
    await expect(row).toContainText("Active");
    await expect(row).toContainText(/Expires \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    await expect(row).not.toContainText("Expires in");
    await expect(page.getByRole("button", { name: "New API Token" })).toBeDisabled();

    // 31 days later, by this server's clock: refused like a revoked token, with no job run.
    writeFileSync(clockFile, String(31 * DAY_MS));
    expect(await msUntil(async () => (await users()).status() === 401, 2_000)).toBeLessThanOrEqual(2_000);
    expect(await (await users()).json()).toMatchObject({ error: { code: "invalid_token" } });

    await page.reload();
    await expect(row).toContainText("Expired");
    await expect(page.getByRole("button", { name: "New API Token" })).toBeEnabled();
    await row.getByRole("link", { name: "Monthly pilot" }).click();
    await expect(page.getByText("Expired", { exact: true }).first()).toBeVisible();
    await page.goto("/manage/integrations");
    await expect(page.getByRole("link", { name: /API Tokens/ })).toContainText("4 of 5 active");
  } finally {
    await context.close();
    instance.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test("the operator's maximum lifetime: listed tokens it would cut, Never gone, a longer custom date refused", async ({ page }) => {
  test.skip(!process.env.DATABASE_URL, SHARED_DATABASE);
  const operator = spawnSync("npx", ["tsx", "lib/cli/hub.ts", "set-limits", "--account", "e2e-policy", "--max-token-lifetime-days", "30"], {
    encoding: "utf8",
    env: process.env,
  });
  expect(operator.status, operator.stderr).toBe(0);
  expect(operator.stdout).toContain("tokens expire within 30 days");
  expect(operator.stdout).toContain("1 active token(s) live longer than the new maximum (not changed):");
  expect(operator.stdout).toContain("Older than the policy");

  acceptLeaveWarnings(page);
  await signInTo(page, "policy");
  await openNewTokenForm(page);
  const expires = page.getByRole("group", { name: "Expires" });
  await expect(expires.getByRole("radio", { name: "30 days" })).toBeVisible();
  await expect(expires.getByRole("radio", { name: "Never" })).toHaveCount(0);

  await page.getByRole("radio", { name: "Activity" }).check();
  await page.getByLabel("Description").fill("Within the policy");
  await expires.getByRole("radio", { name: "Custom date" }).check();
  await page.getByLabel("Expiry date").fill(day(45));
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your account's tokens must expire within 30 days", { exact: true })).toBeVisible();

  await page.getByLabel("Expiry date").fill(day(20));
  await page.getByRole("button", { name: "Save" }).click();
  await revealedToken(page, "hub_act_");
  // The operator's token is still there, uncut.
  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("row", { name: /Older than the policy/ })).toContainText("Active");
});

test("Custom date needs a date; Shorten expiry on Details: the date is required, a later one is refused, an earlier one shows at once", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "shorten");
  await openNewTokenForm(page);
  await page.getByRole("radio", { name: "Activity" }).check();
  await page.getByLabel("Description").fill("Quarterly export");
  // Custom date without a date, terms unticked: both errors at once, before any request.
  const expires = page.getByRole("group", { name: "Expires" });
  await expires.getByRole("radio", { name: "Custom date" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("You must agree to the terms and conditions", { exact: true })).toBeVisible();
  await expect(page.getByText("Enter a date", { exact: true })).toBeVisible();
  await expires.getByRole("radio", { name: "90 days" }).check();
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  await revealedToken(page, "hub_act_");

  await page.goto("/manage/integrations/api-tokens");
  await page.getByRole("row", { name: /Quarterly export/ }).getByRole("link", { name: "Quarterly export" }).click();
  const expiry = page.getByRole("region", { name: "Expiry" });
  const ninety = new Date(Date.now() + 90 * DAY_MS);
  await expect(expiry).toContainText(new RegExp(`Expires ${ninety.getUTCDate()} \\w+ ${ninety.getUTCFullYear()}, \\d{2}:\\d{2} UTC`));
  const shorten = expiry.getByRole("button", { name: "Shorten expiry" });
  const newDate = expiry.getByLabel("New expiry date");

  await shorten.click();
  await expect(expiry.getByText("Enter a date", { exact: true })).toBeVisible();
  await newDate.fill(day(120));
  await shorten.click();
  await expect(expiry.getByText("Choose a date before the current expiry: it can only be shortened", { exact: true })).toBeVisible();

  // Ten days on: it expires at that day's start, midnight UTC.
  await newDate.fill(day(10));
  await shorten.click();
  const on = new Date(`${day(10)}T00:00:00Z`);
  await expect(expiry).toContainText(new RegExp(`Expires ${on.getUTCDate()} \\w+ ${on.getUTCFullYear()}, 00:00 UTC`));
  await expect(expiry.getByText("Choose a date before the current expiry: it can only be shortened")).toHaveCount(0);
  await expect(newDate).toHaveValue("");
  // Within 14 days now: the list warns.
  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("row", { name: /Quarterly export/ })).toContainText("Expires in 10 days");
});
