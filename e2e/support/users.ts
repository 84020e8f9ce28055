import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/demo/demo-accounts";

export { DEMO_PASSWORD };
export const demoUsers = {
  admin: "admin@demo.test",
  marketer: "marketer@demo.test",
  otherAdmin: "admin@other.test",
} as const;

export const storageStateOf = (who: keyof typeof demoUsers) => `e2e/.auth/${who}.json`;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
