import { expect, test, type Page } from "./support/test";
import { acceptLeaveWarnings, revealedToken, signInTo } from "./support/journey";

async function tabTo(page: Page, matches: () => Promise<boolean>, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await matches()) return;
  }
  throw new Error("focus never reached the target");
}

const focused = (page: Page, selector: (el: Element) => boolean) => () =>
  page.evaluate(`(${selector.toString()})(document.activeElement)`) as Promise<boolean>;

test("create, reveal and copy with the keyboard alone; dialogs trap and return focus", async ({ page, context }) => {
  acceptLeaveWarnings(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInTo(page, "keyboard");
  await page.goto("/manage/integrations/api-tokens");

  await tabTo(page, focused(page, (el) => el.textContent === "New API Token"));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "New API Token" })).toBeVisible();

  await tabTo(page, focused(page, (el) => (el as HTMLInputElement).value === "activity"));
  await page.keyboard.press("Space");
  await tabTo(page, focused(page, (el) => el.id !== "" && document.querySelector(`label[for="${el.id}"]`)?.textContent === "Description"));
  await page.keyboard.type("Typed without a mouse");
  await tabTo(page, focused(page, (el) => el.closest("label")?.textContent === "I agree to the terms and conditions"));
  await page.keyboard.press("Space");
  await tabTo(page, focused(page, (el) => el.textContent === "Save"));
  await page.keyboard.press("Enter");

  const token = await revealedToken(page, "hub_act_");
  // Focus moves to the reveal so a screen reader hears it.
  await expect(page.getByRole("heading", { name: "Your API token is ready" })).toBeFocused();
  await tabTo(page, focused(page, (el) => el.textContent === "Copy"));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Copied to clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  await tabTo(page, focused(page, (el) => el.textContent === "Go to token settings"));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Typed without a mouse" })).toBeVisible();

  // Reset dialog: focus moves in, Escape closes it, focus returns to the trigger.
  const reset = page.getByRole("button", { name: "Reset API Token" });
  await reset.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(reset).toBeFocused();

  // Revoke dialog by keyboard all the way.
  const revoke = page.getByRole("button", { name: "Revoke API Token" });
  await revoke.focus();
  await page.keyboard.press("Enter");
  await tabTo(page, focused(page, (el) => el.textContent === "Revoke API Token" && Boolean(el.closest("[role=dialog]"))), 5);
  await page.keyboard.press("Enter");
  await expect(page.getByText(/This token was revoked on/)).toBeVisible();
});
