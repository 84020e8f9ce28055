import { expect, test, type APIRequestContext, type Page } from "./support/test";
import { msUntil } from "./support/instance";
import { acceptLeaveWarnings, createActivityToken, signInTo } from "./support/journey";
import { githubSignature, SCANNING_KEY_ID } from "./support/scanning-keys";

// A leaked token, reported by anyone (no account) or by GitHub's secret scanning: refused at
// once, shown to its owner as "Compromised" with where and when it was found.

const users = (request: APIRequestContext, token: string) => request.get("/api/v1/users", { headers: { Authorization: `Bearer ${token}` } });

async function openTokenList(page: Page) {
  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("heading", { name: "API Tokens", exact: true })).toBeVisible();
}

test("a token posted to /api/v1/tokens/revoke is refused at once and listed as Compromised", async ({ page, request }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "leaks");
  const token = await createActivityToken(page, "Pasted in a public gist");
  expect((await users(request, token)).status()).toBe(200);

  // A finder with no account: no cookies, no token.
  const finder = await request.post("/api/v1/tokens/revoke", { data: { tokens: [token] } });
  expect(finder.status()).toBe(202);
  expect(await finder.json()).toEqual({ data: { received: 1 } });
  expect(await msUntil(async () => (await users(request, token)).status() === 401, 1_000)).toBeLessThanOrEqual(1_000);

  await openTokenList(page);
  const row = page.getByRole("row", { name: /Pasted in a public gist/ });
  await expect(row.getByText("Compromised", { exact: true })).toBeVisible();
  await expect(row).toContainText("Reported as leaked");

  await row.getByRole("link", { name: "Pasted in a public gist" }).click();
  const notice = page.getByRole("status").filter({ hasText: "reported as leaked" });
  await expect(notice).toContainText("Public report");
  await expect(notice).toContainText("Not given by the reporter");
  await expect(page.getByRole("button", { name: "Revoke API Token" })).toHaveCount(0);

  await page.getByRole("tab", { name: "History" }).click();
  const reported = page.getByRole("row", { name: /Reported as leaked/ });
  await expect(reported).toContainText("Public report");
  await expect(reported).toContainText("Status: Active → Compromised");
  await page.screenshot({ path: "test-results/leaked-token-history.png", fullPage: true });
  await openTokenList(page);
  await page.screenshot({ path: "test-results/leaked-token-list.png", fullPage: true });
});

test("the same 202 for anything else: unknown, malformed, none", async ({ request }) => {
  for (const tokens of [["hub_act_000000000000000000000000000000000000000"], ["nonsense"], []]) {
    const answer = await request.post("/api/v1/tokens/revoke", { data: { tokens } });
    expect(answer.status()).toBe(202);
    expect(await answer.json()).toEqual({ data: { received: tokens.length } });
  }
  const malformed = await request.post("/api/v1/tokens/revoke", { data: { token: "x" } });
  expect(malformed.status()).toBe(400);
});

test("GitHub secret scanning: a bad signature is refused (401), a good one revokes and shows where the token was found", async ({ page, request }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "leaks");
  const token = await createActivityToken(page, "Committed to a public repository");
  const found = "https://github.com/octo-org/demo/blob/4f2a9c/config/hub.env";
  const body = JSON.stringify([{ token, type: "hub_api_token", url: found, source: "content" }]);
  const scan = (signature: string) =>
    request.post("/api/v1/secret-scanning/github", {
      data: body,
      headers: { "Content-Type": "application/json", "Github-Public-Key-Identifier": SCANNING_KEY_ID, "Github-Public-Key-Signature": signature },
    });

  const forged = await scan(githubSignature(body.replace("content", "commit")));
  expect(forged.status()).toBe(401);
  expect((await users(request, token)).status()).toBe(200);

  const signed = await scan(githubSignature(body));
  expect(signed.status()).toBe(200);
  expect(await signed.json()).toEqual([{ token_raw: token, token_type: "hub_api_token", label: "true_positive" }]);
  expect(await msUntil(async () => (await users(request, token)).status() === 401, 1_000)).toBeLessThanOrEqual(1_000);

  await openTokenList(page);
  const row = page.getByRole("row", { name: /Committed to a public repository/ });
  await expect(row.getByText("Compromised", { exact: true })).toBeVisible();
  await row.getByRole("link", { name: "Committed to a public repository" }).click();
  const notice = page.getByRole("status").filter({ hasText: "reported as leaked" });
  await expect(notice).toContainText("GitHub secret scanning");
  await expect(notice.getByRole("link", { name: found })).toHaveAttribute("href", found);
  await page.screenshot({ path: "test-results/leaked-token-details.png", fullPage: true });
});

test("finders are told where to go: security.txt and robots.txt, served to anyone with the page headers", async ({ request }) => {
  const security = await request.get("/.well-known/security.txt", { maxRedirects: 0 });
  expect(security.status()).toBe(200);
  expect(security.headers()["content-type"]).toMatch(/^text\/plain/);
  expect(security.headers()["x-content-type-options"]).toBe("nosniff");
  expect(security.headers()["content-security-policy"]).toContain("default-src 'self'");
  const text = await security.text();
  expect(text).toMatch(/^Contact: mailto:/m);
  expect(text).toContain("POST /api/v1/tokens/revoke");
  const expires = new Date(/^Expires: (.+)$/m.exec(text)![1]!);
  expect(expires.getTime()).toBeGreaterThan(Date.now());
  expect(expires.getTime()).toBeLessThan(Date.now() + 366 * 86_400_000);

  const robots = await request.get("/robots.txt", { maxRedirects: 0 });
  expect(robots.status()).toBe(200);
  const rules = await robots.text();
  for (const path of ["/manage", "/login", "/api"]) expect(rules).toContain(`Disallow: ${path}`);
});
