import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { acceptLeaveWarnings, createActivityToken, revealedToken, signInTo } from "./support/journey";
import { SERVER_LOG } from "./support/server-log";

test("every page carries the security headers; the API never allows framing", async ({ page, request }) => {
  await signInTo(page, "secrets");
  const token = await createActivityToken(page, "Header check");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  const details = new URL(page.url()).pathname;
  const paths = ["/login", "/manage/integrations", "/manage/integrations/api-tokens", "/manage/integrations/api-tokens/new", details, `${details}/usage`, `${details}/history`];
  for (const path of paths) {
    const response = await page.request.get(path);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("object-src 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["strict-transport-security"], path).toContain("max-age=");
  }
  const api = await request.get("/api/v1/users", { headers: { Authorization: `Bearer ${token}` } });
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["cache-control"]).toBe("no-store");
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
  for (const secret of [first, second]) {
    for (const html of pages) expect(html).not.toContain(secret);
    for (const line of seen) expect(line).not.toContain(secret);
    expect(logText).not.toContain(secret);
    expect(logText).not.toContain(secret.slice(8, 40));
  }
});
