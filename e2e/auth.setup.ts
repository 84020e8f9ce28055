import { expect, test as setup } from "./support/test";
import { demoUsers, signIn, storageStateOf } from "./support/users";

// Sign each demo user in once; specs reuse the session through storageState.
for (const who of Object.keys(demoUsers) as Array<keyof typeof demoUsers>) {
  setup(`sign in as ${who}`, async ({ page }) => {
    await signIn(page, demoUsers[who]);
    await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
    await page.context().storageState({ path: storageStateOf(who) });
  });
}
