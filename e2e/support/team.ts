import { expect, type Page } from "@playwright/test";

export const INVITE_NOTE = "This link works once and expires in 7 days.";
export const JOIN_PASSWORD = "a team journey password";

/** Team › Invite user › Create invite link, as an admin; returns the link shown once. */
export async function inviteFromTeamPage(page: Page, email: string, role: "Admin" | "Marketer"): Promise<string> {
  await page.getByRole("button", { name: "Manage" }).click();
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { name: "Team", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("radio", { name: role }).check();
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  await expect(dialog.getByText(INVITE_NOTE)).toBeVisible();
  const link = await dialog.getByLabel("Invite link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

/** The join page, filled in: lands on Integrations, signed in. */
export async function joinThrough(page: Page, link: string, accountName: string, name: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Join ${accountName}` })).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(JOIN_PASSWORD);
  await page.getByLabel("Confirm password").fill(JOIN_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
}
