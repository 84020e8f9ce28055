import { expect, test, type Page } from "./support/test";
import { acceptLeaveWarnings, createProfileToken, signInTo } from "./support/journey";

// Profile Read governance: the Access log (admins only), the refused-IP list with
// "Add to whitelist", and the enumeration alarm, each with a token of its own.
const JANE = "jane.remington@demo-retail.test";

const profile = (page: Page, token: string, email: string) =>
  page.request.get(`/api/v1/profile?email=${encodeURIComponent(email)}`, { headers: { "Auth-Api-Token": token } });

test("a read of Jane Remington is on record, searchable and exportable; marketers never see it", async ({ page, browser, browserConsole }) => {
  browserConsole.allow("404 page"); // the marketer's Access log
  acceptLeaveWarnings(page);
  await signInTo(page, "governance");
  const { token, url } = await createProfileToken(page, "Governed website feed", "127.0.0.1");
  expect((await profile(page, token, JANE)).status()).toBe(200);

  await page.getByRole("tab", { name: "Access log" }).click();
  await expect(page).toHaveURL(/\/access-log$/);
  // The log is written in batches every second.
  const rows = page.getByRole("table", { name: "Access log of Governed website feed" }).getByRole("row");
  await expect(async () => {
    await page.reload();
    await expect(rows.filter({ hasText: "Found" })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(rows.filter({ hasText: "Found" })).toContainText("127.0.0.1");
  await expect(rows.filter({ hasText: "Found" })).toContainText("email, first_name");

  const search = page.getByLabel("Was this customer read?");
  await search.fill(JANE);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Yes: read 1 time, first \d+ \w+ \d{4}, \d\d:\d\d UTC, last \d+ \w+ \d{4}, \d\d:\d\d UTC\.$/ })).toBeVisible();
  // Only the matching rows: the log itself (its table, filters and export) steps aside.
  const matching = page.getByRole("table", { name: "Lookups of the value searched for, with Governed website feed" }).getByRole("row");
  await expect(matching.filter({ hasText: "Found" })).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Access log of Governed website feed" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Export" })).toHaveCount(0);
  // Neither the value nor its hash travels in the URL: the answer comes back in the page.
  await expect(page).toHaveURL(/\/access-log$/);
  await page.screenshot({ path: ".data/screens/access-log-search-yes.png", fullPage: true });

  await page.getByLabel("Was this customer read?").fill("someone.else@demo-retail.test");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No: this token has not read that value in the last 90 days.")).toBeVisible();
  await expect(matching).toHaveCount(0);
  await expect(rows).toHaveCount(0);
  await page.screenshot({ path: ".data/screens/access-log-search-no.png", fullPage: true });
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(rows.filter({ hasText: "Found" })).toHaveCount(1);

  // Export, in both formats, for today's range.
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From date").fill(today);
  await page.getByLabel("To date").fill(today);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows.filter({ hasText: "Found" })).toHaveCount(1);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^access-log-hub_prf_.{3}-${today}-to-${today}\\.csv$`));
  const exportUrl = `${url}/access-log/export?from=${today}&to=${today}`;
  const csv = await page.request.get(`${exportUrl}&format=csv`);
  expect(csv.headers()["cache-control"]).toBe("no-store");
  const csvLines = (await csv.text()).trim().split("\n");
  expect(csvLines[0]).toBe("time,ip,linking_attribute,value_hash,outcome,attributes,reads");
  expect(csvLines.slice(1)).toEqual([expect.stringMatching(/^\S+Z,127\.0\.0\.1,email,[0-9a-f]{64},found,email first_name,1$/)]);
  const ndjson = await page.request.get(`${exportUrl}&format=ndjson`);
  expect(ndjson.headers()["content-type"]).toContain("application/x-ndjson");
  expect((await ndjson.text()).trim().split("\n").map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({ ip: "127.0.0.1", linking_attribute: "email", outcome: "found", attributes: ["email", "first_name"] }),
  ]);

  // A marketer of the same account: no tab, and both URLs answer 404.
  const marketerContext = await browser.newContext();
  const marketer = await marketerContext.newPage();
  await signInTo(marketer, "governance", "marketer");
  await marketer.goto(url);
  await expect(marketer.getByRole("tab", { name: "Usage" })).toBeVisible();
  await expect(marketer.getByRole("tab", { name: "Access log" })).toHaveCount(0);
  expect((await marketer.goto(`${url}/access-log`))!.status()).toBe(404);
  expect((await marketer.request.get(`${exportUrl}&format=csv`)).status()).toBe(404);
  await marketerContext.close();
});

test("a refused address is listed in Usage, and Add to whitelist only pre-fills Details", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "governance");
  // Whitelisted elsewhere: this machine's own requests are the ones refused.
  const { token, url } = await createProfileToken(page, "Partner behind a new address", "203.0.113.7");
  for (let i = 0; i < 3; i++) expect((await profile(page, token, JANE)).status()).toBe(403);

  await page.getByRole("tab", { name: "Usage" }).click();
  // The tab's navigation first, or the reloads below would reload Details.
  await expect(page).toHaveURL(`${url}/usage`);
  const refused = page.getByRole("table", { name: "Top refused client IPs" });
  await expect(async () => {
    await page.reload();
    await expect(refused.getByRole("row", { name: /127\.0\.0\.1/ })).toContainText("3", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await refused.getByRole("link", { name: "Add 127.0.0.1 to whitelist" }).click();

  await expect(page).toHaveURL(`${url}?addIp=127.0.0.1`);
  await expect(page.getByText("127.0.0.1 is added to the IP whitelist below. Nothing changes until you click Save.")).toBeVisible();
  await expect(page.getByLabel("IP address or range").last()).toHaveValue("127.0.0.1");
  // Nothing saved yet: still refused.
  expect((await profile(page, token, JANE)).status()).toBe(403);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(async () => expect((await profile(page, token, JANE)).status()).toBe(200)).toPass({ timeout: 5_000 });
});

test("enumerating customers marks the token Suspicious activity until an admin reviews it", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "governance");
  const { token, url } = await createProfileToken(page, "Enumerating feed", "127.0.0.1");
  for (let i = 0; i < 110; i++) await profile(page, token, `guess.${i}.${Date.now()}@example.test`);

  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { name: "Suspicious activity" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText(/% of \d+ different values looked up in 10 minutes found no profile/)).toBeVisible();
  const throttled = await profile(page, token, JANE);
  expect(throttled.status()).toBe(429);
  expect(throttled.headers()["ratelimit-policy"]).toBe('"default";q=10;w=60');

  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("row", { name: /Enumerating feed/ })).toContainText("Suspicious activity");
  await page.goto(url);
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.getByRole("heading", { name: "Suspicious activity" })).toHaveCount(0);
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("row", { name: /Marked as reviewed/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Hub \(enumeration alarm\)/ })).toContainText("Suspicious activity");
});
