import { expect, test } from "./support/test";
import { acceptLeaveWarnings, createActivityToken, signInTo } from "./support/journey";

test("at five active tokens New API Token is disabled with the reason; revoking frees a place", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "cap");
  await expect(page.getByRole("link", { name: /API Tokens/ })).toContainText("5 of 5 active");

  await page.getByRole("link", { name: /API Tokens/ }).click();
  const newToken = page.getByRole("button", { name: "New API Token" });
  await expect(newToken).toBeDisabled();
  await expect(page.getByText("Your account can have up to 5 active API tokens. Revoke one to create another.")).toBeVisible();

  // The server refuses too, whatever the button says.
  await page.goto("/manage/integrations/api-tokens/new");
  await expect(page.getByRole("alert", { name: "Form error" })).toContainText("up to 5 active API tokens");
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();

  await page.goto("/manage/integrations/api-tokens");
  await page.getByRole("link", { name: "Cap filler 1" }).click();
  await page.getByRole("button", { name: "Revoke API Token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke API Token" }).click();
  await expect(page.getByText(/This token was revoked on/)).toBeVisible();

  await page.goto("/manage/integrations");
  await expect(page.getByRole("link", { name: /API Tokens/ })).toContainText("4 of 5 active");
  await createActivityToken(page, "Fills the freed place");
  await page.goto("/manage/integrations/api-tokens");
  await expect(page.getByRole("button", { name: "New API Token" })).toBeDisabled();
  await expect(page.getByRole("row", { name: /Cap filler 1/ })).toContainText("Revoked");
});
