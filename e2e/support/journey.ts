import { expect, type Page } from "@playwright/test";
import { journeyEmail, type JourneyAccount } from "./fixtures";
import { signIn } from "./users";

export const SAVE_WARNING = "Ensure you save the token at this point because it cannot be viewed again.";
export const HIDDEN_KEY_TEXT = "API Tokens can only be viewed when they are first created";

export async function signInTo(page: Page, key: JourneyAccount, role: "admin" | "marketer" = "admin") {
  await signIn(page, journeyEmail(key, role));
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
}

/** Manage › Integrations › API Tokens › New API Token, the way a person gets there from the menu. */
export async function openNewTokenForm(page: Page) {
  await page.getByRole("button", { name: "Manage" }).click();
  await page.getByRole("link", { name: "Integrations" }).click();
  await page.getByRole("link", { name: /API Tokens/ }).click();
  await expect(page.getByRole("heading", { name: "API Tokens", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "New API Token" }).click();
  await expect(page.getByRole("heading", { name: "New API Token" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "API Token Settings" })).toBeVisible();
}

/** The secret on screen after Save or Reset, checked against the documented format. */
export async function revealedToken(page: Page, prefix: "hub_act_" | "hub_prf_"): Promise<string> {
  const field = page.getByLabel("Your new API token");
  await expect(field).toBeVisible();
  await expect(page.getByText(SAVE_WARNING)).toBeVisible();
  const token = await field.inputValue();
  expect(token).toMatch(new RegExp(`^${prefix}[0-9A-Za-z]{38}$`));
  return token;
}

export async function createActivityToken(page: Page, description: string): Promise<string> {
  await openNewTokenForm(page);
  await page.getByRole("radio", { name: "Activity" }).check();
  await page.getByLabel("Description").fill(description);
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  return revealedToken(page, "hub_act_");
}

/** Everything the browser holds for this page: markup, storage and cookies. */
export async function pageHolds(page: Page, secret: string): Promise<boolean> {
  const html = await page.content();
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  const cookies = JSON.stringify(await page.context().cookies());
  return [html, storage, cookies, page.url()].some((text) => text.includes(secret));
}

/** Leaving a page that shows a secret asks first; these journeys always confirm. */
export function acceptLeaveWarnings(page: Page) {
  page.on("dialog", (dialog) => void dialog.accept());
}

/** A Profile Read token linked on Email (exposing Email and First name), made through the console; returns its secret and Details URL. */
export async function createProfileToken(page: Page, description: string, ip: string) {
  await openNewTokenForm(page);
  await page.getByRole("radio", { name: "Profile Read" }).check();
  await page.getByLabel("Description").fill(description);
  const attributes = page.getByRole("group", { name: "Attributes to expose" });
  await attributes.getByRole("checkbox", { name: "Email", exact: true }).check();
  await attributes.getByRole("checkbox", { name: "First name" }).check();
  await page.getByRole("group", { name: "Linking attribute" }).getByRole("radio", { name: "Email", exact: true }).check();
  await page.getByLabel("IP address or range").first().fill(ip);
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  const token = await revealedToken(page, "hub_prf_");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await expect(page.getByRole("heading", { name: description })).toBeVisible();
  return { token, url: page.url() };
}
