import { expect, test } from "./support/test";
import { msUntil, startInstance } from "./support/instance";
import { acceptLeaveWarnings, createActivityToken, signInTo } from "./support/journey";

// Two production instances sharing the real Postgres and Redis: the embedded database cannot
// be shared, so this runs where DATABASE_URL and REDIS_URL are set (as in CI).
test.skip(!process.env.DATABASE_URL || !process.env.REDIS_URL, "needs real Postgres and Redis");

test("revoking through one instance is refused by the other within a second; the rate limit holds across both", async ({ page, request }) => {
  test.setTimeout(180_000);
  acceptLeaveWarnings(page);
  const other = await startInstance(3201);
  try {
    await signInTo(page, "instances");
    const token = await createActivityToken(page, "Two instances");
    await page.getByRole("link", { name: "Go to token settings" }).click();
    const forms = (base: string) => request.get(`${base}/api/v1/forms`, { headers: { Authorization: `Bearer ${token}` } });
    const here = new URL(page.url()).origin;
    expect((await forms(other.url)).status()).toBe(200);

    // Lower the limit to 10 a minute, then spend it from both instances at once.
    await page.getByLabel("Rate limit (requests per minute)").fill("10");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("alert", { name: "Form status" })).toHaveText("Changes saved.");
    let remaining = -1;
    const applied = await msUntil(async () => {
      const response = await forms(other.url);
      remaining = Number(/r=(\d+)/.exec(response.headers().ratelimit ?? "")?.[1] ?? -1);
      return response.headers()["ratelimit-policy"] === '"default";q=10;w=60';
    }, 1_000);
    expect(applied).toBeLessThanOrEqual(1_000);
    expect(remaining).toBeGreaterThan(0);
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => forms(i % 2 ? here : other.url).then((r) => r.status())));
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    // Counters live in Redis: both instances together allow exactly what was left, not twice it.
    expect(statuses.filter((s) => s === 200)).toHaveLength(remaining);

    await page.getByRole("button", { name: "Revoke API Token" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke API Token" }).click();
    const revokedAt = Date.now();
    await expect(page.getByText(/This token was revoked on/)).toBeVisible();
    const waited = await msUntil(async () => (await forms(other.url)).status() === 401, 2_000);
    expect(Date.now() - revokedAt).toBeLessThan(10_000);
    expect(waited).toBeLessThanOrEqual(1_000);
  } finally {
    other.stop();
  }
});
