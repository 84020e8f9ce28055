import { randomUUID } from "node:crypto";
import { expect, test } from "./support/test";
import { journeyEmail } from "./support/fixtures";
import { scriptedSignIn } from "./support/scripted-sign-in";
import { DEMO_PASSWORD, demoUsers, signIn } from "./support/users";

test.describe("signing in", () => {
  test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
    await page.goto("/manage/integrations");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to the Hub" })).toBeVisible();
  });

  test("the admin signs in, reaches Integrations through the Manage menu, and signs out", async ({ page }) => {
    await signIn(page, demoUsers.admin);
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
    await expect(page.getByText("Demo Retail")).toBeVisible();

    await page.goto("/login");
    await expect(page).toHaveURL(/\/manage\/integrations/);

    const manage = page.getByRole("button", { name: "Manage" });
    await manage.click();
    await expect(manage).toHaveAttribute("aria-expanded", "true");
    await page.getByRole("link", { name: "Integrations" }).click();
    await expect(page.getByRole("link", { name: /API Tokens/ })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/manage/integrations");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a session cookie put back after Sign out by a response still in flight signs nobody in", async ({ page, context }) => {
    await signIn(page, demoUsers.admin);
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
    // A prefetch: the proxy answers it with a re-issued session cookie. Had it still been in
    // flight when Sign out answered, the browser would have stored this cookie afterwards.
    const answered = page.waitForResponse((r) => r.url().endsWith("/manage/integrations/api-tokens") && r.request().method() === "GET");
    await page.evaluate(() => fetch("/manage/integrations/api-tokens", { headers: { RSC: "1", "Next-Router-Prefetch": "1" } }).then(() => undefined));
    expect((await (await answered).headerValue("set-cookie")) ?? "", "the proxy re-issues the session cookie on a prefetch").toMatch(/authjs\.session-token=/);
    const reissued = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    expect(reissued).toBeTruthy();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    // The late response lands: its cookie is back in the browser.
    await context.addCookies([reissued!]);
    await page.goto("/manage/integrations");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to the Hub" })).toBeVisible();
  });

  test("a callbackUrl that a browser would read as another host stays on the Hub after sign-in", async ({ page, baseURL }) => {
    // "/<tab>/evil.example/phish": browsers drop the tab and read "//evil.example/phish".
    await page.route((url) => url.hostname.endsWith("evil.example"), (route) => route.abort());
    await page.goto("/login?callbackUrl=%2F%09%2Fevil.example%2Fphish");
    await page.getByLabel("Email").fill(demoUsers.admin);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });

  test("a wrong password and an unknown email get the same generic message", async ({ page }) => {
    await signIn(page, demoUsers.marketer, "wrong-password");
    const message = page.getByRole("alert", { name: "Form error" });
    await expect(message).toHaveText("The email or password is incorrect.");

    await signIn(page, `nobody-${randomUUID()}@demo.test`, "wrong-password");
    await expect(message).toHaveText("The email or password is incorrect.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("without JavaScript the form still answers on the page and signs in", async ({ browser, baseURL }) => {
    // The button has no "wait for hydration" phase because the form posts without a script.
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const page = await context.newPage();
    const stranger = `nobody-${randomUUID()}@demo.test`;
    await signIn(page, stranger, "wrong-password");
    await expect(page.getByRole("alert", { name: "Form error" })).toHaveText("The email or password is incorrect.");
    await expect(page.getByLabel("Email")).toHaveValue(stranger);
    expect(new URL(page.url()).search, "the password never reaches a URL").toBe("");

    await signIn(page, demoUsers.admin);
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
    await context.close();
  });

  test("empty fields are named next to the field", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address")).toBeVisible();
    await expect(page.getByText("Enter your password")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("repeated failures for one email are throttled", async ({ page }) => {
    const email = `guess-${randomUUID()}@demo.test`;
    const message = page.getByRole("alert", { name: "Form error" });
    for (let i = 0; i < 5; i++) {
      await signIn(page, email, `guess-${i}`);
      await expect(message).toHaveText("The email or password is incorrect.");
    }
    await signIn(page, email, "guess-5");
    await expect(message).toHaveText(/Too many failed sign-in attempts/);
  });

  test("guesses from other addresses never lock the admin out of a browser that signed in before", async ({ browser, baseURL }) => {
    const email = journeyEmail("lockout", "admin");
    const first = await (await browser.newContext({ baseURL })).newPage();
    await signIn(first, email);
    await expect(first.getByRole("heading", { name: "Integrations" })).toBeVisible();
    // Signed out, but the browser keeps its proof of an earlier sign-in: a new session with
    // only that cookie (clearing the session cookie in place races the proxy's refreshes).
    const device = (await first.context().cookies()).find((c) => c.name === "__Host-hub_known_device");
    expect(device, "a successful sign-in marks the browser as known").toBeTruthy();
    // __Host-: Secure, Path=/, host-only (no Domain attribute), so no subdomain can plant one.
    expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true, path: "/", domain: "127.0.0.1" });
    await first.context().close();
    const knownContext = await browser.newContext({ baseURL });
    await knownContext.addCookies([device!]);
    const known = await knownContext.newPage();

    for (let i = 0; i < 6; i++) {
      expect(await scriptedSignIn(baseURL!, `127.0.0.${i + 2}`, email, `attack-${i}`)).toContain("error=CredentialsSignin");
    }

    const stranger = await (await browser.newContext({ baseURL })).newPage();
    await signIn(stranger, email);
    await expect(stranger.getByRole("alert", { name: "Form error" })).toHaveText(/Too many failed sign-in attempts/);

    await signIn(known, email);
    await expect(known.getByRole("heading", { name: "Integrations" })).toBeVisible();
  });
});
