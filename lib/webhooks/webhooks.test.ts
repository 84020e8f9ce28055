import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/tables";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { activityInput } from "@/test/token-fixtures";
import { createTestEndpoint, withWebhookReceiver } from "@/test/webhook-setup";
import { clock } from "@/lib/clock";
import { createToken, resetToken, revokeToken, updateToken } from "@/lib/tokens/actions";
import { createEndpoint, resendDelivery, sendTestEvent, setEndpointEnabled } from "./actions";
import { claimDueDeliveries, recordAttempt } from "./delivery-queries";
import type { WebhookEventType } from "./events";
import { enqueueTokenEvent } from "./outbox";
import { sendDueDeliveries } from "./worker";

withTestDatabase();

const receiver = withWebhookReceiver();
let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
});

const endpoint = (events?: WebhookEventType[]) => createTestEndpoint(receiver.url, events, "Ops");

const deliveriesOf = (endpointId: string) => getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

describe("webhooks", () => {
  it("create, edit, reset, revoke each reach the receiver signed with the shown secret, carrying no secret", async () => {
    const { secret, endpointId } = await endpoint();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [stored] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));

    const created = await createToken(activityInput({ description: "Nightly export", scopes: ["users:read", "groups:read"] }));
    if (!created.ok) throw new Error("create failed");
    const { tokenId, token } = created.data;
    expect((await updateToken(tokenId, { ...activityInput({ description: "Nightly export v2", scopes: ["groups:read"] }), rateLimit: 600 } as never)).ok).toBe(true);
    const reset = await resetToken(tokenId);
    expect((await revokeToken(tokenId)).ok).toBe(true);

    expect(await sendDueDeliveries({ accountId: account.accountId })).toBe(4);
    const verifier = new Webhook(secret);
    const events = receiver.received.map((r) => verifier.verify(r.body, r.headers) as { type: string; data: Record<string, unknown> });
    expect(events.map((e) => e.type)).toEqual(["token.created", "token.updated", "token.reset", "token.revoked"]);
    expect(events[3]!.data).toMatchObject({
      token: { id: tokenId, description: "Nightly export v2", type: "activity", prefix: reset.ok ? reset.data.token.slice(0, 11) : "", scopes: ["groups:read"] },
      actor: { type: "user", id: account.admin.id, name: account.admin.name },
    });
    expect(events[1]!.data.changed_fields).toEqual(["Description", "Scopes"]);
    // The token as it stands: before the edit both scopes, after it the one left.
    expect((events[0]!.data.token as { scopes: string[] }).scopes).toEqual(["users:read", "groups:read"]);
    expect((events[1]!.data.token as { scopes: string[] }).scopes).toEqual(["groups:read"]);
    const everything = JSON.stringify(receiver.received) + JSON.stringify(await deliveriesOf(endpointId));
    for (const leaked of [token, reset.ok ? reset.data.token : "x", secret]) expect(everything).not.toContain(leaked);
    // A tampered body fails verification.
    const first = receiver.received[0]!;
    expect(() => verifier.verify(first.body.replace("Nightly", "Daily"), first.headers)).toThrow();
  });

  it("a change that rolls back queues nothing (the outbox commits with it)", async () => {
    const { endpointId } = await endpoint();
    const token = { id: "00000000-0000-4000-8000-000000000000", description: "x", type: "activity", displayPrefix: "hub_act_abc", scopes: ["users:read"] };
    await expect(
      getDb().transaction(async (tx) => {
        expect(await enqueueTokenEvent(tx, { accountId: account.accountId, type: "token.revoked", token, actor: null })).toBe(1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await deliveriesOf(endpointId)).toHaveLength(0);
  });

  it("only subscribed, enabled endpoints of the account get an event", async () => {
    const revokedOnly = await endpoint(["token.revoked"]);
    const all = await endpoint();
    await setEndpointEnabled(all.endpointId, false);
    const other = await createTestAccount();
    signInAs(other.admin);
    const elsewhere = await endpoint();
    signInAs(account.admin);
    await createToken(activityInput());
    for (const e of [revokedOnly, all, elsewhere]) expect(await deliveriesOf(e.endpointId)).toHaveLength(0);
  });

  it("retries on the schedule with a moved clock, gives up after 24 hours and disables the endpoint", async () => {
    const { endpointId } = await endpoint(["token.created"]);
    receiver.state.status = 500;
    const start = Date.now();
    clock.now = () => start;
    await createToken(activityInput());
    const worker = () => sendDueDeliveries({ accountId: account.accountId });
    expect(await worker()).toBe(1);
    let [row] = await deliveriesOf(endpointId);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, lastError: "HTTP 500" });
    expect(row!.nextAttemptAt.getTime() - start).toBe(5_000);
    // Not due yet: nothing is sent.
    expect(await worker()).toBe(0);
    const offsets = [5_000, 305_000, 2_105_000, 9_305_000, 27_305_000, 63_305_000, 86_400_000];
    for (const at of offsets) {
      clock.now = () => start + at;
      expect(await worker()).toBe(1);
    }
    [row] = await deliveriesOf(endpointId);
    expect(row).toMatchObject({ status: "failed", attempts: 8 });
    const [ep] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(ep).toMatchObject({ status: "disabled", disabledReason: "Disabled automatically: every delivery failed for 24 hours (last: HTTP 500)." });

    // Resend after the receiver is fixed: same webhook-id, delivered once the endpoint is enabled.
    receiver.state.status = 204;
    await setEndpointEnabled(endpointId, true);
    expect((await resendDelivery(endpointId, row!.id)).ok).toBe(true);
    expect(await worker()).toBe(1);
    expect(receiver.uniqueIds().size).toBe(1);
    expect((await deliveriesOf(endpointId))[0]).toMatchObject({ status: "delivered", lastStatus: 204 });
  });

  it("a crashed worker's claim lapses and another delivers the same message", async () => {
    const { endpointId } = await endpoint(["token.created"]);
    await createToken(activityInput());
    const now = Date.now();
    const [claimed] = await claimDueDeliveries(new Date(now), 10, account.accountId);
    expect(claimed).toBeDefined();
    // The first worker "dies" here. Within its lease nobody else takes the row…
    expect(await claimDueDeliveries(new Date(now + 1_000), 10, account.accountId)).toHaveLength(0);
    // …after it, the next worker (a restarted process) does, with the same webhook-id.
    clock.now = () => now + 61_000;
    expect(await sendDueDeliveries({ accountId: account.accountId })).toBe(1);
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([claimed!.messageId]);
    // The dead worker's late outcome does not overwrite the newer attempt.
    await recordAttempt(claimed!, { ok: false, status: null, latencyMs: 1, error: "late", bytesRead: 0 }, new Date(now + 62_000));
    expect((await deliveriesOf(endpointId))[0]).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("a delivery whose secret no longer decrypts fails alone; the others still go", async () => {
    const broken = await endpoint(["token.created"]);
    const fine = await endpoint(["token.created"]);
    await getDb().update(webhookEndpoints).set({ secretCiphertext: "v1.AAAA.AAAA.AAAA" }).where(eq(webhookEndpoints.id, broken.endpointId));
    await createToken(activityInput());
    expect(await sendDueDeliveries({ accountId: account.accountId })).toBe(2);
    expect((await deliveriesOf(broken.endpointId))[0]).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/^Could not sign/) });
    expect((await deliveriesOf(fine.endpointId))[0]).toMatchObject({ status: "delivered" });
  });

  it("a signing secret copied onto another endpoint's row does not sign there (bound to its endpoint)", async () => {
    const original = await endpoint(["token.created"]);
    const copy = await endpoint(["token.created"]);
    const [stored] = await getDb().select({ c: webhookEndpoints.secretCiphertext }).from(webhookEndpoints).where(eq(webhookEndpoints.id, original.endpointId));
    await getDb().update(webhookEndpoints).set({ secretCiphertext: stored!.c }).where(eq(webhookEndpoints.id, copy.endpointId));
    await createToken(activityInput());
    expect(await sendDueDeliveries({ accountId: account.accountId })).toBe(2);
    expect((await deliveriesOf(copy.endpointId))[0]).toMatchObject({ status: "pending", lastError: expect.stringMatching(/^Could not sign/) });
    expect((await deliveriesOf(original.endpointId))[0]).toMatchObject({ status: "delivered" });
    expect(receiver.received).toHaveLength(1);
  });

  it("'Send test event' and marketers", async () => {
    const { endpointId } = await endpoint(["token.revoked"]);
    expect((await sendTestEvent(endpointId)).ok).toBe(true);
    await sendDueDeliveries({ accountId: account.accountId });
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: "webhook.test", data: { endpoint_id: endpointId } });
    signInAs(account.marketer);
    expect(await sendTestEvent(endpointId)).toEqual({ ok: false, formError: "Only admins can manage webhooks." });
    expect(await createEndpoint({ url: receiver.url, description: "", events: ["token.created"] })).toEqual({ ok: false, formError: "Only admins can manage webhooks." });
  });

  it("refuses bad input with a message per field and writes nothing", async () => {
    const result = await createEndpoint({ url: "ftp://example.com", description: "", events: [] });
    expect(result).toEqual({ ok: false, fieldErrors: { url: "Enter a full URL, such as https://example.com/hub-webhooks", events: "Choose at least one event" } });
    const http = await createEndpoint({ url: "http://example.com/hook", description: "", events: ["token.created"] });
    expect(http).toEqual({ ok: false, fieldErrors: { url: "Use an https:// URL (http:// only to localhost in development)" } });
    expect(await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.accountId, account.accountId))).toHaveLength(0);
  });
});
