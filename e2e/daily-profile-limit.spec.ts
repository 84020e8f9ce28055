import { expect, test } from "./support/test";
import { acceptLeaveWarnings, openNewTokenForm, revealedToken, signInTo } from "./support/journey";

// The daily profile limit as Usage shows it: distinct customers returned today, not lookups.
test("Usage shows how many distinct customers the token read today against its daily limit", async ({ page }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "daily-limit");
  await openNewTokenForm(page);
  await page.getByRole("radio", { name: "Profile Read" }).check();
  await page.getByLabel("Description").fill("Daily limit feed");
  await page.getByRole("group", { name: "Attributes to expose" }).getByRole("checkbox", { name: "First name" }).check();
  await page.getByRole("group", { name: "Linking attribute" }).getByRole("radio", { name: "Customer ID" }).check();
  await page.getByLabel("IP address or range").first().fill("127.0.0.1");
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  const token = await revealedToken(page, "hub_prf_");
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await page.getByRole("tab", { name: "Usage" }).click();
  await expect(page.getByText("Customers read today: 0 of 10,000")).toBeVisible();

  const lookup = (customerId: string) => page.request.get(`/api/v1/profile?customer_id=${customerId}`, { headers: { "Auth-Api-Token": token } });
  // Jane twice and another customer once: two customers; a value that matches nobody does not count.
  for (const id of ["C-00001", "C-00003", "C-00001", "C-99999"]) await lookup(id);
  await page.reload();
  await expect(page.getByText("Customers read today: 2 of 10,000")).toBeVisible();
});
