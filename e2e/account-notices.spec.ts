import { expect, test } from "./support/test";
import { signInTo } from "./support/journey";

const KINDS = ["A token is compromised", "A token shows suspicious activity", "Tokens expire within 7 days", "A token is paused for disuse", "An old token is still in use as it stops"];

test.describe("My account › Email notices", () => {
  test("an admin gets every notice by default, unticks one, and the choice is kept", async ({ page }) => {
    await signInTo(page, "account-notices");
    await page.getByRole("link", { name: "My account" }).click();
    const section = page.getByRole("region", { name: "Email notices" });
    await expect(section).toBeVisible();
    // This production server has no SMTP_URL: the section says so.
    await expect(section.getByText("This Hub sends no mail yet (its operator has not set up SMTP).", { exact: false })).toBeVisible();
    for (const kind of KINDS) await expect(section.getByRole("checkbox", { name: kind })).toBeChecked();

    await section.getByRole("checkbox", { name: "Tokens expire within 7 days" }).uncheck();
    await section.getByRole("button", { name: "Save" }).click();
    await expect(section.getByRole("alert", { name: "Form status" })).toHaveText("Your email notices have been saved.");
    await page.screenshot({ path: ".data/screens/account-email-notices.png", fullPage: true });

    await page.reload();
    await expect(section.getByRole("checkbox", { name: "Tokens expire within 7 days" })).not.toBeChecked();
    for (const kind of KINDS.filter((k) => k !== "Tokens expire within 7 days")) await expect(section.getByRole("checkbox", { name: kind })).toBeChecked();

    // Ticked again: every notice is back on.
    await section.getByRole("checkbox", { name: "Tokens expire within 7 days" }).check();
    await section.getByRole("button", { name: "Save" }).click();
    await expect(section.getByRole("alert", { name: "Form status" })).toHaveText("Your email notices have been saved.");
    await page.reload();
    for (const kind of KINDS) await expect(section.getByRole("checkbox", { name: kind })).toBeChecked();
  });

  test("a marketer gets no notices and sees no such section", async ({ page }) => {
    await signInTo(page, "account-notices", "marketer");
    await page.getByRole("link", { name: "My account" }).click();
    await expect(page.getByRole("heading", { name: "My account", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Email notices" })).toHaveCount(0);
  });
});
