import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { call } from "../test/api-server";
import { startInstance, msUntil } from "./support/instance";
import { acceptLeaveWarnings, openNewTokenForm, revealedToken } from "./support/journey";
import { journeyEmail } from "./support/fixtures";
import { hasNginx, startNginx } from "./support/nginx";
import { scriptedSignIn } from "./support/scripted-sign-in";
import { DEMO_PASSWORD, signIn } from "./support/users";

// The production topology of compose.yaml, without Docker: nginx (the Debian package) on
// loopback in front of two built production instances that share the real Postgres and Redis,
// each trusting nginx's address in TRUST_PROXY. Clients are told apart by the loopback address
// they call from (127.0.0.0/8 all reach lo), as different machines would be.
test.skip(!process.env.DATABASE_URL || !process.env.REDIS_URL || !hasNginx, "needs real Postgres, Redis and nginx");

const instancePorts = [3221, 3222];
const metricsPorts = [9471, 9472];
const proxyPort = 3230;
const pinnedPorts = [3231, 3232];
const [viaA, viaB] = pinnedPorts.map((p) => `http://127.0.0.1:${p}`);

// The browser signs in through nginx to instance A only.
test.use({ baseURL: viaA });

test("two instances behind nginx see each client as itself, share sessions and revocations, and pass the request id on", async ({ page }) => {
  test.setTimeout(240_000);
  acceptLeaveWarnings(page);
  const secret = randomBytes(32).toString("base64url");
  const instances = await Promise.all(
    instancePorts.map((port, i) => startInstance(port, { AUTH_SECRET: secret, TRUST_PROXY: "127.0.0.1", METRICS_PORT: String(metricsPorts[i]) })),
  );
  const nginx = await startNginx(proxyPort, instancePorts.map((p) => `127.0.0.1:${p}`), pinnedPorts);
  try {
    // A session made through instance A works on instance B (one AUTH_SECRET, sessions in the cookie).
    await signIn(page, journeyEmail("proxy", "admin"));
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
    await page.goto(`${viaB}/manage/integrations`);
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();

    // A Profile Read token (made on B) whose whitelist names one client address.
    await openNewTokenForm(page);
    await page.getByRole("radio", { name: "Profile Read" }).check();
    await page.getByLabel("Description").fill("Behind the proxy");
    await page.getByRole("group", { name: "Attributes to expose" }).getByRole("checkbox", { name: "First name" }).check();
    await page.getByRole("group", { name: "Linking attribute" }).getByRole("radio", { name: "Email", exact: true }).check();
    await page.getByLabel("IP address or range").first().fill("127.0.0.21");
    await page.getByLabel("I agree to the terms and conditions").check();
    await page.getByRole("button", { name: "Save" }).click();
    const token = await revealedToken(page, "hub_prf_");
    const lookup = "/api/v1/profile?email=jane.remington@demo-retail.test";

    // The whitelist admits the client it names and refuses another, whichever instance answers,
    // even when the other claims the first's address in its own X-Forwarded-For.
    for (let i = 0; i < 4; i++) {
      const admitted = await call(proxyPort, lookup, { token, from: "127.0.0.21" });
      expect(admitted.status).toBe(200);
      expect(admitted.body.data).toEqual({ first_name: "Jane" });
      const refused = await call(proxyPort, lookup, { token, from: "127.0.0.22", headers: { "X-Forwarded-For": "127.0.0.21" } });
      expect([refused.status, refused.body.error?.code]).toEqual([403, "ip_not_allowed"]);
    }

    // Request ids: nginx's own (32 hex digits) or the caller's, kept by the instance that trusts
    // nginx and named in its log; a caller reaching an instance directly cannot choose one.
    const named = await call(proxyPort, "/api/v1/live", { from: "127.0.0.21", headers: { "X-Request-Id": "partner-trace-42" } });
    expect(named.headers["request-id"]).toBe("partner-trace-42");
    const fresh = await call(proxyPort, "/api/v1/profile", { from: "127.0.0.22", token: "hub_prf_not-a-token" });
    expect(fresh.status).toBe(401);
    expect(fresh.headers["request-id"]).toMatch(/^[0-9a-f]{32}$/);
    const direct = await call(instancePorts[0]!, "/api/v1/live", { from: "127.0.0.21", headers: { "X-Request-Id": "spoofed" } });
    expect(direct.headers["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const pageAnswer = await page.request.get(`http://127.0.0.1:${proxyPort}/login`, { headers: { "X-Request-Id": "console-trace-7" } });
    expect(pageAnswer.headers()["request-id"]).toBe("console-trace-7");
    await expect.poll(() => instances.some((i) => i.output().includes('"request_id":"partner-trace-42"'))).toBe(true);
    await expect.poll(() => instances.some((i) => /"msg":"page".*"request_id":"console-trace-7"|"request_id":"console-trace-7".*"msg":"page"/.test(i.output()))).toBe(true);

    // Revoked on B: refused through A within a second.
    await page.getByRole("link", { name: "Go to token settings" }).click();
    await page.getByRole("button", { name: "Revoke API Token" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke API Token" }).click();
    await expect(page.getByText(/This token was revoked on/)).toBeVisible();
    const waited = await msUntil(async () => (await call(pinnedPorts[0]!, lookup, { token, from: "127.0.0.21" })).status === 401, 2_000);
    expect(waited).toBeLessThanOrEqual(1_000);

    // Sign-in throttling counts per client, not per proxy: one address spends its budget of
    // 30 guesses (spread over both instances by nginx); the owner, at another address, signs in.
    const owner = journeyEmail("proxy", "admin");
    for (let i = 0; i < 30; i++) {
      expect(await scriptedSignIn(`http://127.0.0.1:${proxyPort}`, "127.0.0.23", `spray-${i}-${randomBytes(4).toString("hex")}@proxy.test`, "guess")).toContain("error=CredentialsSignin");
    }
    expect(await scriptedSignIn(`http://127.0.0.1:${proxyPort}`, "127.0.0.23", owner, DEMO_PASSWORD)).toContain("code=throttled");
    expect(await scriptedSignIn(`http://127.0.0.1:${proxyPort}`, "127.0.0.24", owner, DEMO_PASSWORD)).not.toContain("error=");

    // Metrics: on each instance's METRICS_PORT, never through the public port or the proxy.
    const scraped = await Promise.all(metricsPorts.map((p) => fetch(`http://127.0.0.1:${p}/metrics`).then((r) => r.text())));
    const profileAnswers = scraped.map((text) => Number(/^hub_api_requests_total\{route="\/api\/v1\/profile",status="200",outcome="ok"\} (\d+)$/m.exec(text)?.[1] ?? 0));
    expect(profileAnswers.reduce((a, b) => a + b, 0)).toBe(4);
    expect(scraped.every((text) => /^hub_console_requests_total\{status="2xx"\} \d+$/m.test(text))).toBe(true);
    for (const url of [`http://127.0.0.1:${proxyPort}/metrics`, `http://127.0.0.1:${instancePorts[0]}/metrics`]) {
      // The console's own answer (to sign in first), not the metrics.
      const response = await fetch(url, { redirect: "manual" });
      expect(response.headers.get("content-type") ?? "").not.toContain("version=0.0.4");
      expect(await response.text()).not.toContain("hub_api_requests_total");
    }
  } finally {
    await nginx.stop();
    for (const instance of instances) instance.stop();
  }
});
