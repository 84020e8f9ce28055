import { expect, test } from "./support/test";
import { acceptLeaveWarnings, openNewTokenForm, revealedToken, signInTo } from "./support/journey";

const JANE = "jane.remington@demo-retail.test";
const SAM = "sam.okafor@demo-retail.test";
const REASON = "The POST keeps the customer's value out of URLs, and so out of proxy and server logs; the GET answers the same.";

test("a new Profile Read token's Try it shows the POST lookup first and why; the lookup works at once, and withholds Sam from personalisation", async ({ page, request }) => {
  acceptLeaveWarnings(page);
  await signInTo(page, "consent");
  await openNewTokenForm(page);
  await page.getByRole("radio", { name: "Profile Read" }).check();
  await page.getByLabel("Description").fill("Website personalisation");
  const attributes = page.getByRole("group", { name: "Attributes to expose" });
  await attributes.getByRole("checkbox", { name: "Email", exact: true }).check();
  await attributes.getByRole("checkbox", { name: "First name" }).check();
  await page.getByRole("group", { name: "Linking attribute" }).getByRole("radio", { name: "Email", exact: true }).check();
  await page.getByLabel("IP address or range").first().fill("127.0.0.1");
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  const token = await revealedToken(page, "hub_prf_");

  // Try it: the POST, with the value in the body, above the GET; and the reason beside them.
  const example = page.getByText(/\/api\/v1\/profile\/lookup/);
  await expect(example).toBeVisible();
  const text = (await example.textContent())!;
  expect(text).toContain(`-d '{"email":"<email>"}'`);
  expect(text.indexOf("/api/v1/profile/lookup")).toBeLessThan(text.indexOf("/api/v1/profile?email=<email>"));
  await expect(page.getByText(REASON)).toBeVisible();

  // The token works at once, by POST; a profile without personalisation consent is a missing one.
  const lookup = (email: string) => request.post("/api/v1/profile/lookup", { headers: { Authorization: `Bearer ${token}` }, data: { email } });
  const jane = await lookup(JANE);
  expect(jane.status()).toBe(200);
  expect(await jane.json()).toEqual({ data: { email: JANE, first_name: "Jane" } });
  const withoutRequestId = async (response: Awaited<ReturnType<typeof lookup>>) => {
    const body = (await response.json()) as { error: { request_id?: string } };
    delete body.error.request_id;
    return { status: response.status(), body };
  };
  expect(await withoutRequestId(await lookup(SAM))).toEqual(await withoutRequestId(await lookup("nobody@demo-retail.test")));
  expect((await lookup(SAM)).status()).toBe(404);
});

test("the reference's Profile Read section lists the POST lookup before the GET and says why", async ({ page }) => {
  await page.goto("/docs/api#tag/Profile-Read-API");
  const post = page.getByRole("heading", { name: /One profile, by the token's linking attribute in the body \(recommended\)$/ });
  const get = page.getByRole("heading", { name: /One profile, by the token's linking attribute in the query$/ });
  await expect(post).toBeVisible();
  await expect(get).toBeVisible();
  expect((await post.boundingBox())!.y).toBeLessThan((await get.boundingBox())!.y);
  await expect(page.getByText(/the value \(an email address, a customer id\) travels in the body, so it stays out of URLs and proxy logs/)).toBeVisible();
});
