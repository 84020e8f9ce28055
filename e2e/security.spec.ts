import { readFileSync } from "node:fs";
import { expect, test } from "./support/test";
import { journeyEmail } from "./support/fixtures";
import { acceptLeaveWarnings, createActivityToken, revealedToken, signInTo } from "./support/journey";
import { SERVER_LOG } from "./support/server-log";

test("every page carries the security headers; the API never allows framing", async ({ page, request }) => {
  await signInTo(page, "secrets");
  const token = await createActivityToken(page, "Header check");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  const details = new URL(page.url()).pathname;
  const paths = ["/login", "/manage/integrations", "/manage/integrations/api-tokens", "/manage/integrations/api-tokens/new", details, `${details}/usage`, `${details}/history`];
  const nonces = new Set<string>();
  for (const path of paths) {
    const response = await page.request.get(path);
    const headers = response.headers();
    // Scripts run by this response's nonce only: every script tag carries it, none is allowed inline.
    const csp = headers["content-security-policy"]!;
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(csp, path).toContain("'strict-dynamic'");
    expect(/script-src[^;]*'unsafe-inline'/.test(csp), path).toBe(false);
    const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    nonces.add(nonce!);
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("object-src 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["strict-transport-security"], path).toContain("max-age=");
  }
  expect(nonces.size, "a fresh nonce for every response").toBe(paths.length);
  const api = await request.get("/api/v1/users", { headers: { Authorization: `Bearer ${token}` } });
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["cache-control"]).toBe("no-store");
});

test("pages run under the policy without a single violation", async ({ page, browserConsole }) => {
  browserConsole.allow("404 page"); // /no-such-page runs under the policy too
  await page.addInitScript(() => {
    const store = window as unknown as { cspViolations: string[] };
    store.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => store.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  await page.goto("/login");
  await page.waitForLoadState("networkidle");
  expect(await violations(), "/login").toEqual([]);
  await signInTo(page, "secrets", "marketer");
  for (const path of ["/no-such-page", "/manage/integrations", "/manage/integrations/api-tokens", "/manage/integrations/api-tokens/new"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await violations(), path).toEqual([]);
  }
  // And the scripts did run: the Manage menu opens only once React has hydrated the page.
  const manage = page.getByRole("button", { name: "Manage" });
  await manage.click();
  await expect(manage).toHaveAttribute("aria-expanded", "true");
});

test("the session cookie is httpOnly, SameSite and Secure", async ({ page }) => {
  await signInTo(page, "secrets", "marketer");
  const session = (await page.context().cookies()).find((c) => c.name.includes("session-token"));
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });
});

test("no issued secret appears in any page, header, URL or server log line", async ({ page, request }) => {
  acceptLeaveWarnings(page);
  const seen: string[] = [];
  page.on("response", async (response) => {
    const headers = JSON.stringify(response.headers());
    seen.push(`${response.url()} ${headers}`);
  });
  await signInTo(page, "secrets");
  const first = await createActivityToken(page, "Secret scan");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await page.getByRole("button", { name: "Reset API Token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset API Token" }).click();
  const second = await revealedToken(page, "hub_act_");
  await page.getByRole("button", { name: "Done" }).click();
  for (const token of [first, second]) {
    await request.get("/api/v1/users", { headers: { Authorization: `Bearer ${token}` } });
    await request.get("/api/v1/forms", { headers: { "Auth-Api-Token": token } });
  }
  // Reported as leaked: the report's answer, its log line and History name no secret either.
  const reported = await request.post("/api/v1/tokens/revoke", { data: { tokens: [first, second] } });
  expect(reported.status()).toBe(202);
  const reportAnswer = await reported.text();
  const details = new URL(page.url()).pathname;
  const pages: string[] = [];
  for (const path of ["/manage/integrations", "/manage/integrations/api-tokens", details, `${details}/usage`, `${details}/history`]) {
    await page.goto(path);
    pages.push(await page.content());
  }
  // Give the server a moment to write its request log lines.
  await page.waitForTimeout(500);
  const logText = readFileSync(SERVER_LOG, "utf8");
  expect(logText).toContain('"path":"/api/v1/users"');
  expect(logText).toContain('"path":"/api/v1/tokens/revoke"');
  for (const secret of [first, second]) {
    expect(reportAnswer).not.toContain(secret);
    for (const html of pages) expect(html).not.toContain(secret);
    for (const line of seen) expect(line).not.toContain(secret);
    expect(logText).not.toContain(secret);
    expect(logText).not.toContain(secret.slice(8, 40));
  }
});

test("a scripted guessing run is throttled: after five misses even the right password is refused", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const attempt = async (password: string) => {
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await api.post("/api/auth/callback/credentials", {
      form: { email: journeyEmail("throttle", "admin"), password, csrfToken, callbackUrl: "/manage/integrations" },
      maxRedirects: 0,
    });
    return response.headers().location ?? "";
  };
  for (let i = 0; i < 5; i++) expect(await attempt(`guess-${i}`)).toContain("error=CredentialsSignin");
  const blocked = await attempt("demo-password");
  expect(blocked).toContain("error=CredentialsSignin");
  expect(blocked).toContain("code=throttled");
  for (let i = 0; i < 10; i++) expect(await attempt(`guess-more-${i}`)).toContain("code=throttled");
  await api.dispose();
});

test("a server action replayed from a foreign Origin is refused and writes nothing", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "secrets");
  const captured = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await createActivityToken(page, "Origin replay");
  const action = await captured;
  const replay = (origin: string) =>
    page.request.post(action.url(), {
      headers: { ...action.headers(), origin, host: new URL(action.url()).host },
      data: action.postData() ?? "",
      maxRedirects: 0,
    });

  const foreign = await replay("https://evil.example");
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("row", { name: /Origin replay/ })).toHaveCount(1);

  // The same request from our own origin does go through: the refusal above was the Origin's.
  const own = await replay(new URL(action.url()).origin);
  expect(own.status()).toBe(200);
  await page.reload();
  await expect(page.getByRole("row", { name: /Origin replay/ })).toHaveCount(2);
});

test("request bodies outside the API are capped: 413 before reading, 411 without a length", async ({ baseURL }) => {
  const url = new URL("/api/auth/callback/credentials", baseURL);
  const big = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `email=a%40b.test&password=${"x".repeat(1024 * 1024)}`,
  });
  expect(big.status).toBe(413);
  expect(await big.text()).toContain("64 KiB");
  // A server action's route too, streamed without a length.
  const chunks = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
      controller.close();
    },
  });
  const streamed = await fetch(new URL("/login", baseURL), { method: "POST", body: chunks, duplex: "half" } as RequestInit);
  expect(streamed.status).toBe(411);
  // Ordinary sign-in bodies are untouched.
  const small = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=a%40b.test&password=x", redirect: "manual" });
  expect(small.status).toBeLessThan(400);
});
