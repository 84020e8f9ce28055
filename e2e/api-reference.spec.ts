import { expect, test, type APIRequestContext, type Page } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { acceptLeaveWarnings, createActivityToken, signInTo } from "./support/journey";

const REFERENCE = "/docs/api";
const SECTIONS = ["Activity API", "Profile Read API", "Token management"];

/** A Redoc heading by its text: its name starts with its anchor link's label, so match the end. */
const titled = (text: string) => new RegExp(`(^|\\s)${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

/** Every operation's title, from the document the reference renders. */
async function operationTitles(request: APIRequestContext): Promise<string[]> {
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, { summary: string }>> };
  return Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.summary));
}

/** The error table's codes that take more than one line: none may wrap mid-word, however narrow the window. */
async function wrappedErrorCodes(page: Page): Promise<string[]> {
  const codes = page.locator("table", { hasText: "payload_too_large" }).first().locator("tbody td:first-child code");
  await expect(codes.first()).toBeVisible();
  const lines = await codes.evaluateAll((elements) => elements.map((code) => ({ code: code.textContent ?? "", lines: code.getClientRects().length })));
  expect(lines.length).toBeGreaterThanOrEqual(10);
  return lines.filter(({ lines }) => lines !== 1).map(({ code, lines }) => `${code}: ${lines} lines`);
}

function recordCspViolations(page: Page): () => Promise<string[]> {
  void page.addInitScript(() => {
    const store = window as unknown as { cspViolations: string[] };
    store.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => store.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test("the reference is public and shows every operation, the sections and the error table, with and without JavaScript", async ({ browser, request }) => {
  const titles = await operationTitles(request);
  expect(titles.length).toBeGreaterThanOrEqual(7);
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const response = await page.goto(REFERENCE);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname, "no sign-in needed").toBe(REFERENCE);
    for (const title of titles) await expect(page.getByRole("heading", { name: titled(title) }), `${title} (JS ${javaScriptEnabled})`).toBeVisible();
    for (const section of SECTIONS) await expect(page.getByRole("heading", { name: titled(section) })).toBeVisible();
    await expect(page.getByRole("cell", { name: "rate_limited", exact: true }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "RateLimit-Policy", exact: true }).first()).toBeVisible();
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await wrappedErrorCodes(page), `error codes on one line at ${width}px (JS ${javaScriptEnabled})`).toEqual([]);
    }
    expect(await page.content()).not.toMatch(/hub_(?:act|prf)_[0-9A-Za-z]{4,}/);
    await context.close();
  }
});

test("the reference carries the page security headers and runs under its policy without a violation", async ({ page }) => {
  const violations = recordCspViolations(page);
  const response = await page.goto(REFERENCE);
  const headers = response!.headers();
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(headers["content-security-policy"]!)?.[1];
  expect(nonce).toBeTruthy();
  expect(headers["content-security-policy"]).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // Every executable script carries this response's nonce; the document travels as inert JSON.
  for (const tag of (await response!.text()).match(/<script\b[^>]*>/g)!) {
    expect(tag.includes(`nonce="${nonce}"`) || tag.includes('type="application/json"'), tag).toBe(true);
  }
  // Redoc's script did run: it adds the attribution's logo only in the browser.
  await expect(page.getByRole("img", { name: "redocly logo" })).toBeAttached();
  await page.waitForLoadState("networkidle");
  expect(await violations()).toEqual([]);
});

test("the reference has no axe violations, rendered by Redoc's script and as the server sends it", async ({ page, browserConsole }) => {
  browserConsole.allow("Redoc's bundle refused");
  await page.goto(REFERENCE);
  await expect(page.getByRole("img", { name: "redocly logo" })).toBeAttached();
  await expectNoAxeViolations(page, "with Redoc's script");
  // The markup a reader without JavaScript gets: the same page with Redoc's bundle refused.
  await page.route(`**${REFERENCE}/redoc.standalone.js`, (route) => route.abort());
  await page.goto(REFERENCE);
  await expect(page.getByRole("heading", { name: titled("Activity API") })).toBeVisible();
  await expectNoAxeViolations(page, "server-rendered");
});

test("a freshly revealed Activity token links to the Activity section, and so do Details and the token list", async ({ page }) => {
  test.setTimeout(150_000);
  acceptLeaveWarnings(page);
  await signInTo(page, "docs");
  await createActivityToken(page, "Reference link");
  // Beside the one-time secret, the reference opens in a new tab: the secret stays on screen.
  const [reference] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: "Activity API reference (opens in a new tab)" }).click()]);
  await expect(page.getByLabel("Your new API token")).toBeVisible();
  expect(new URL(reference.url()).hash).toBe("#tag/Activity-API");
  await expect(reference.getByRole("heading", { name: titled("Activity API") })).toBeInViewport();
  await reference.close();

  await page.getByRole("link", { name: "Go to token settings" }).click();
  await expect(page.getByRole("tab", { name: "Details" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Activity API reference" })).toHaveAttribute("href", `${REFERENCE}#tag/Activity-API`);
  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("link", { name: "Profile Read API reference" })).toHaveAttribute("href", `${REFERENCE}#tag/Profile-Read-API`);
  await page.getByRole("link", { name: "Activity API reference" }).click();
  await expect(page.getByRole("heading", { name: titled("Activity API") })).toBeInViewport();
});
