import { expect, test, type Page } from "./support/test";
import { canReadDatabase, tokenHashStored } from "./support/database";
import { acceptLeaveWarnings, openNewTokenForm, pageHolds, revealedToken, signInTo } from "./support/journey";

test("create a Profile Read token, reset it, then revoke it", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "profile-read");
  await openNewTokenForm(page);

  await page.getByRole("radio", { name: "Profile Read" }).check();
  await page.getByLabel("Description").fill("Website personalisation");
  const attributes = page.getByRole("group", { name: "Attributes to expose" });
  await attributes.getByRole("checkbox", { name: "Email", exact: true }).check();
  await attributes.getByLabel("Filter attributes").fill("tier");
  await attributes.getByRole("checkbox", { name: "Loyalty tier" }).check();
  await attributes.getByLabel("Filter attributes").fill("");
  await attributes.getByRole("checkbox", { name: "First name" }).check();

  const linking = page.getByRole("group", { name: "Linking attribute" });
  await linking.getByRole("radio", { name: "Custom", exact: true }).check();
  await linking.getByLabel("Search attributes").fill("referral");
  await linking.getByRole("radio", { name: "Referral code" }).check();

  // A first attempt that allows everything is refused on its row.
  await page.getByLabel("IP address or range").first().fill("0.0.0.0/0");
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Profile Read tokens cannot allow every address: enter your servers' addresses")).toBeVisible();

  await page.getByLabel("IP address or range").first().fill("203.0.113.0/24");
  await page.getByRole("button", { name: "Add IP" }).click();
  await page.getByLabel("IP address or range").last().fill("2001:db8::/32");
  await page.getByRole("button", { name: "Save" }).click();
  const original = await revealedToken(page, "hub_prf_");

  await page.getByRole("link", { name: "Go to token settings" }).click();
  await expect(page.getByRole("heading", { name: "Website personalisation" })).toBeVisible();
  await expect(linking.getByRole("radio", { name: "Referral code" })).toBeChecked();
  await expect(attributes.getByRole("checkbox", { name: "Loyalty tier" })).toBeChecked();
  await expect(page.getByLabel("IP address or range").last()).toHaveValue("2001:db8::/32");

  // Reset: a real dialog that warns, then the new secret once.
  await page.getByRole("button", { name: "Reset API Token" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset this API token?" });
  await expect(dialog).toContainText("Anything using the old token will stop working and will need the new token.");
  await dialog.getByRole("button", { name: "Reset API Token" }).click();
  await expect(dialog).toBeHidden();
  const replaced = await revealedToken(page, "hub_prf_");
  expect(replaced).not.toBe(original);
  if (canReadDatabase) {
    expect(await tokenHashStored(original)).toBe(false);
    expect(await tokenHashStored(replaced)).toBe(true);
  }
  await page.getByRole("button", { name: "Done" }).click();
  expect(await pageHolds(page, replaced)).toBe(false);
  await page.reload();
  expect(await pageHolds(page, replaced)).toBe(false);

  // Revoke: permanent.
  await page.getByRole("button", { name: "Revoke API Token" }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke this API token?" });
  await expect(revoke).toContainText("cannot be undone");
  await revoke.getByRole("button", { name: "Revoke API Token" }).click();
  await expect(page.getByText(/This token was revoked on/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Reset API Token" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Revoke API Token" })).toHaveCount(0);
  if (canReadDatabase) expect(await tokenHashStored(replaced)).toBe(false);

  await page.getByRole("tab", { name: "History" }).click();
  for (const action of ["Created", "Reset", "Revoked"]) {
    await expect(page.getByRole("cell", { name: action, exact: true })).toBeVisible();
  }
  await page.getByRole("link", { name: "API Tokens" }).click();
  await expect(page.getByRole("row", { name: /Website personalisation/ })).toContainText("Revoked");
});

test("cancelling the reset dialog changes nothing", async ({ page }) => {
  await signInTo(page, "profile-read");
  await page.goto("/manage/integrations/api-tokens");
  await page.getByRole("button", { name: "New API Token" }).waitFor();
  // Uses a token of its own so the other journey's state does not matter.
  await openNewTokenFormFromList(page);
  await page.getByRole("radio", { name: "Activity" }).check();
  await page.getByLabel("Description").fill("Dialog cancel check");
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  await revealedToken(page, "hub_act_");
  await page.getByRole("link", { name: "Go to token settings" }).click();

  const trigger = page.getByRole("button", { name: "Reset API Token" });
  await trigger.click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(trigger).toBeFocused();
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("cell", { name: "Reset", exact: true })).toHaveCount(0);
});

async function openNewTokenFormFromList(page: Page) {
  await page.getByRole("button", { name: "New API Token" }).click();
  await expect(page.getByRole("heading", { name: "New API Token" })).toBeVisible();
}
