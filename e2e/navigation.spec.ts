import { expect, test } from "./support/test";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("marketer") });

test("the Manage menu opens with the keyboard and closes with Escape", async ({ page }) => {
  await page.goto("/manage/integrations");
  const manage = page.getByRole("button", { name: "Manage" });
  await manage.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Integrations" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(manage).toHaveAttribute("aria-expanded", "false");
  await expect(manage).toBeFocused();
});

test("the Integrations page shows the API Tokens tile with the allowance", async ({ page }) => {
  await page.goto("/manage/integrations");
  const tile = page.getByRole("link", { name: /API Tokens/ });
  await expect(tile).toContainText(/\d of 5 active/);
});
