import { readFileSync } from "node:fs";
import { expect, test, type Page } from "./support/test";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "../test/webhook-receiver";
import { expectNoAxeViolations } from "./support/axe";
import { acceptLeaveWarnings, createActivityToken, revealedToken, SAVE_WARNING, signInTo } from "./support/journey";
import { SERVER_LOG } from "./support/server-log";

/** Integrations › Webhooks › Add endpoint, as a person gets there; returns the secret shown once. */
async function addEndpoint(page: Page, url: string, events: string[]): Promise<string> {
  await page.goto("/manage/integrations");
  await page.getByRole("link", { name: /Webhooks/ }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("Description").fill("Ops alerts");
  const group = page.getByRole("group", { name: "Events" });
  for (const event of events) await group.getByRole("checkbox", { name: event }).check();
  await page.getByRole("button", { name: "Save" }).click();
  const field = page.getByLabel("Signing secret");
  await expect(field).toBeVisible();
  await expect(page.getByText(SAVE_WARNING)).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
  const secret = await field.inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  return secret;
}

async function revokeFromDetails(page: Page) {
  await page.getByRole("button", { name: "Revoke API Token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke API Token" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
}

/** The token events the receiver verified with `secret`, in arrival order. */
function verified(receiver: Receiver, secret: string) {
  const webhook = new Webhook(secret);
  return receiver.received.map((r) => webhook.verify(r.body, r.headers) as { type: string; data: { token: { id: string; description: string } } });
}

test("token events reach a receiver signed with the shown secret, and survive the receiver's outage", async ({ page }) => {
  test.setTimeout(180_000);
  acceptLeaveWarnings(page);
  const receiver = await startReceiver();
  try {
    await signInTo(page, "webhooks");
    const secret = await addEndpoint(page, receiver.url, ["token.created", "token.reset", "token.revoked"]);
    await page.getByRole("link", { name: "Go to endpoint" }).click();
    await expect(page.getByRole("heading", { name: "Ops alerts" })).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    const first = await createActivityToken(page, "Webhook journey");
    await page.getByRole("link", { name: "Go to token settings" }).click();
    await page.getByRole("button", { name: "Reset API Token" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Reset API Token" }).click();
    const second = await revealedToken(page, "hub_act_");
    await page.getByRole("button", { name: "Done" }).click();
    await revokeFromDetails(page);

    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(3);
    expect(verified(receiver, secret).map((e) => [e.type, e.data.token.description])).toEqual([
      ["token.created", "Webhook journey"],
      ["token.reset", "Webhook journey"],
      ["token.revoked", "Webhook journey"],
    ]);
    const wire = JSON.stringify(receiver.received);
    for (const leaked of [first, second, secret]) expect(wire).not.toContain(leaked);

    // The receiver goes away; another token is created and revoked meanwhile.
    await receiver.stop();
    await createActivityToken(page, "During the outage");
    await page.getByRole("link", { name: "Go to token settings" }).click();
    await revokeFromDetails(page);
    await page.goto("/manage/integrations/webhooks");
    await expect(page.getByRole("row", { name: /Ops alerts/ })).toContainText(/Retrying|Pending|Delivered/);
    await page.getByRole("link", { name: receiver.url }).click();
    await expect(page.getByRole("heading", { name: "Ops alerts" })).toBeVisible();
    const log = page.getByRole("table", { name: /Deliveries/ });
    await expect(async () => {
      await page.reload();
      await expect(log.getByRole("row", { name: /token\.revoked.*Retrying/ })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });

    // Back again: the retry (5 s after the failure) delivers both, each message once.
    await receiver.start();
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(5);
    const events = verified(receiver, secret);
    expect(events.slice(3).map((e) => [e.type, e.data.token.description])).toEqual([
      ["token.created", "During the outage"],
      ["token.revoked", "During the outage"],
    ]);
    expect(receiver.uniqueIds().size).toBe(5);
    await page.reload();
    await expect(log.getByRole("row", { name: /token\.revoked.*Delivered/ }).first()).toBeVisible();

    // "Send test event" and "Resend": the resent message keeps its webhook-id.
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(6);
    expect(verified(receiver, secret)[5]!.type).toBe("webhook.test");
    await page.reload();
    await log.getByRole("row", { name: /token\.created/ }).last().getByRole("button", { name: "Resend" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(7);
    expect(receiver.received[6]!.headers["webhook-id"]).toBe(receiver.received[0]!.headers["webhook-id"]);

    // The secret scan: not in the server's log, nor in any page since.
    expect(readFileSync(SERVER_LOG, "utf8")).not.toContain(secret.slice(6));
    expect(await page.content()).not.toContain(secret);
  } finally {
    await receiver.stop();
  }
});

test("disable endpoint, and marketers neither see webhooks nor reach them", async ({ page, browser, browserConsole }) => {
  browserConsole.allow("404 page"); // the marketer's webhook pages
  acceptLeaveWarnings(page);
  await signInTo(page, "webhooks-a11y");
  await addEndpoint(page, "http://127.0.0.1:9/never", ["token.revoked"]);
  await page.getByRole("link", { name: "Go to endpoint" }).click();
  await expect(page.getByRole("heading", { name: "Ops alerts" })).toBeVisible();
  const endpointPage = new URL(page.url()).pathname;
  await expectNoAxeViolations(page, "endpoint page");
  await page.getByRole("button", { name: "Disable endpoint" }).click();
  await expectNoAxeViolations(page, "disable dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Disable endpoint" }).click();
  await expect(page.getByText(/^Disabled by .* on /)).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable endpoint" })).toBeVisible();
  await page.goto("/manage/integrations/webhooks");
  await expect(page.getByRole("row", { name: /127\.0\.0\.1:9\/never.*Disabled/ })).toBeVisible();
  await expectNoAxeViolations(page, "endpoint list");
  await page.goto("/manage/integrations/webhooks/new");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter the endpoint URL")).toBeVisible();
  await expect(page.getByText("Choose at least one event")).toBeVisible();
  await expectNoAxeViolations(page, "add endpoint with errors");

  // The marketer of the same account, in a browser of their own.
  const marketer = await (await browser.newContext()).newPage();
  await signInTo(marketer, "webhooks-a11y", "marketer");
  await expect(marketer.getByRole("link", { name: /API Tokens/ })).toBeVisible();
  await expect(marketer.getByRole("link", { name: /Webhooks/ })).toHaveCount(0);
  for (const path of ["/manage/integrations/webhooks", endpointPage, "/manage/integrations/webhooks/new"]) {
    const answer = await marketer.goto(path);
    expect(answer?.status(), path).toBe(404);
    await expect(marketer.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await marketer.context().close();
});
