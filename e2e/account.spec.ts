import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { expect, test, type Page } from "./support/test";
import { FIRST_SIGN_IN, journeyEmail } from "./support/fixtures";
import { startInstance } from "./support/instance";
import { DEMO_PASSWORD, signIn } from "./support/users";

const NEW_PASSWORD = "a brand new passphrase 42";

/** The code an authenticator app shows for `keyText` (as the page shows it), `ahead` steps on. */
function totpCode(keyText: string, ahead = 0): string {
  const step = Math.floor(Date.now() / 30_000) + ahead;
  return generateHOTP(decodeBase32IgnorePadding(keyText.replace(/\s/g, "")), BigInt(step), 6);
}

async function signOut(page: Page) {
  // No waiting for prefetches to finish: sign-out ends the session's id, so a cookie a late
  // prefetch puts back signs nobody in (e2e/sign-in.spec.ts).
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function signInWithCode(page: Page, email: string, code: string) {
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

async function changePassword(page: Page, current: string, next: string) {
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "My account", level: 1 })).toBeVisible();
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
}

test.describe("My account", () => {
  test("a password change ends the user's other session, on another instance too, and keeps this one", async ({ page, browser }) => {
    test.setTimeout(240_000);
    const email = journeyEmail("account-password", "admin");
    // With real Postgres a second production instance serves the other browser: the session
    // version is compared on every instance, not remembered by one.
    const other = process.env.DATABASE_URL ? await startInstance(Number(process.env.E2E_PORT ?? 3100) + 10) : null;
    const otherContext = await browser.newContext({ baseURL: other?.url });
    try {
      const otherPage = await otherContext.newPage();
      await signIn(otherPage, email);
      await expect(otherPage.getByRole("heading", { name: "Integrations" })).toBeVisible();
      await signIn(page, email);
      await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();

      await page.getByRole("link", { name: "My account" }).click();
      await changePassword(page, "not my password", NEW_PASSWORD);
      await expect(page.getByText("The current password is incorrect")).toBeVisible();

      await changePassword(page, DEMO_PASSWORD, NEW_PASSWORD);
      await expect(page.getByRole("alert", { name: "Form status" })).toHaveText("Your password has been changed.");

      // This browser stays signed in; the other lands on the sign-in page at its next request.
      await page.goto("/manage/integrations");
      await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
      await otherPage.goto("/manage/integrations");
      await expect(otherPage).toHaveURL(/\/login/);
      await expect(otherPage.getByRole("heading", { name: "Sign in to the Hub" })).toBeVisible();

      await signIn(otherPage, email, DEMO_PASSWORD);
      await expect(otherPage.getByRole("alert", { name: "Form error" })).toHaveText("The email or password is incorrect.");
      await signIn(otherPage, email, NEW_PASSWORD);
      await expect(otherPage.getByRole("heading", { name: "Integrations" })).toBeVisible();
    } finally {
      await otherContext.close();
      other?.stop();
    }
  });

  test("Sign out other sessions ends every session but this one", async ({ page, browser }) => {
    const email = journeyEmail("account-sessions", "marketer");
    const otherContext = await browser.newContext();
    try {
      const otherPage = await otherContext.newPage();
      await signIn(otherPage, email);
      await expect(otherPage.getByRole("heading", { name: "Integrations" })).toBeVisible();
      await signIn(page, email);
      await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();

      await page.goto("/account");
      await page.getByRole("button", { name: "Sign out other sessions" }).click();
      await expect(page.getByRole("alert", { name: "Form status" })).toHaveText("Your other sessions have been signed out.");
      await page.reload();
      await expect(page.getByRole("heading", { name: "My account", level: 1 })).toBeVisible();
      await otherPage.goto("/manage/integrations");
      await expect(otherPage).toHaveURL(/\/login/);
    } finally {
      await otherContext.close();
    }
  });

  test("an operator-created admin chooses a new password at first sign-in", async ({ page }) => {
    await signIn(page, FIRST_SIGN_IN.email);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    // Every console page leads back here until a password is chosen.
    await page.goto("/manage/integrations/api-tokens");
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await page.screenshot({ path: "test-results/choose-password.png" });

    await page.getByLabel("New password", { exact: true }).fill("password");
    await page.getByLabel("Confirm new password").fill("password");
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(page.getByText("Use at least 12 characters")).toBeVisible();

    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();

    await signOut(page);
    await signIn(page, FIRST_SIGN_IN.email, NEW_PASSWORD);
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
  });

  test("an admin turns on two-factor: signing in then needs a code, and each recovery code works once", async ({ page }) => {
    test.setTimeout(180_000);
    const email = journeyEmail("account-two-factor", "admin");
    await signIn(page, email);
    await page.getByRole("link", { name: "My account" }).click();
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    await expect(page.getByRole("img", { name: "QR code of your two-factor key" })).toBeVisible();
    const keyText = (await page.getByLabel("Key").textContent()) ?? "";
    expect(keyText.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: "test-results/two-factor-set-up.png", fullPage: true });

    await page.getByLabel("Authentication code").fill(totpCode(keyText));
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByText("Two-factor authentication is on")).toBeVisible();
    const recoveryCodes = (await page.getByLabel("Recovery codes").inputValue()).split("\n");
    expect(recoveryCodes).toHaveLength(10);
    await page.screenshot({ path: "test-results/two-factor-on.png", fullPage: true });

    // The password alone no longer signs in: no session exists before the code.
    await signOut(page);
    await signIn(page, email);
    await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
    await page.screenshot({ path: "test-results/two-factor-sign-in.png" });
    await page.goto("/manage/integrations");
    await expect(page).toHaveURL(/\/login/);

    await signInWithCode(page, email, "000000");
    await expect(page.getByText("That code didn't work. Try again.")).toBeVisible();
    // The step after the one used to turn it on: a code is never accepted twice.
    await page.getByLabel("Authentication code").fill(totpCode(keyText, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();

    await signOut(page);
    await signInWithCode(page, email, recoveryCodes[0]!);
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
    await signOut(page);
    await signInWithCode(page, email, recoveryCodes[0]!);
    await expect(page.getByText("That code didn't work. Try again.")).toBeVisible();
  });

  test("an admin of an account that requires two-factor is sent to My account until it is on", async ({ page }) => {
    const required = "Your account requires two-factor authentication. Set it up to continue.";
    await signIn(page, journeyEmail("account-required", "admin"));
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText(required)).toBeVisible();
    await page.goto("/manage/integrations/api-tokens");
    await expect(page).toHaveURL(/\/account$/);
    await page.screenshot({ path: "test-results/two-factor-required.png", fullPage: true });

    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const keyText = (await page.getByLabel("Key").textContent()) ?? "";
    await page.getByLabel("Authentication code").fill(totpCode(keyText));
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByText("Two-factor authentication is on")).toBeVisible();
    await page.goto("/manage/integrations/api-tokens");
    await expect(page.getByRole("heading", { name: "API Tokens", exact: true })).toBeVisible();

    // Marketers are not asked.
    await signOut(page);
    await signIn(page, journeyEmail("account-required", "marketer"));
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
  });
});
