import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/tables";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { redisReady } from "@/test/redis";
import { createReceiver } from "@/test/webhook-receiver";
import { createTestEndpoint, createTestToken, withWebhookReceiver } from "@/test/webhook-setup";
import { clock } from "@/lib/clock";
import { createEndpoint, resendDelivery, sendTestEvent } from "./actions";
import { claimDueDeliveries } from "./delivery-queries";
import { newMessageId } from "./outbox";
import { RETRY_WINDOW_MS } from "./retry";
import { SEND_TIMEOUT_MS } from "./send";
import { sendDueDeliveries } from "./worker";

withTestDatabase();

// One tenant's backlog or slow receiver must not hold back another tenant's events, and no
// delivery is ever sent by two workers at once (issue 27, item 1).

const fast = withWebhookReceiver();
// Answers after 2 s: a receiver that is slow, not down.
const slow = createReceiver();
beforeAll(async () => {
  // The manual-send budget counts in Redis when REDIS_URL is set: start counting once it is up.
  await redisReady();
  slow.state.delayMs = 2_000;
  await slow.start();
});
afterAll(() => slow.stop());

/** `count` test events queued for one endpoint, all due since `at`, in one statement. */
async function queue(accountId: string, endpointId: string, count: number, at: Date) {
  const rows = Array.from({ length: count }, (_, i) => ({
    messageId: newMessageId(),
    accountId,
    endpointId,
    eventType: "webhook.test",
    payload: { type: "webhook.test", timestamp: at.toISOString(), data: { n: i } },
    nextAttemptAt: at,
    createdAt: at,
    giveUpAt: new Date(at.getTime() + RETRY_WINDOW_MS),
  }));
  await getDb().insert(webhookDeliveries).values(rows);
}

describe("webhook delivery across tenants", () => {
  it("one account's slow endpoint with 1,000 queued events does not delay another account's event by more than one send timeout", async () => {
    const noisy = await createTestAccount();
    signInAs(noisy.admin);
    const { endpointId } = await createTestEndpoint(slow.url, ["token.created"]);
    await queue(noisy.accountId, endpointId, 1_000, new Date(Date.now() - 60_000));
    const quiet = await createTestAccount();
    signInAs(quiet.admin);
    await createTestEndpoint(fast.url, ["token.created"]);

    const stopping = new AbortController();
    const worker = sendDueDeliveries({ accountId: [noisy.accountId, quiet.accountId], stopping: stopping.signal });
    try {
      // The worker is busy with the backlog when the other account's event is queued.
      await expect.poll(() => slow.received.length, { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
      const queuedAt = Date.now();
      await createTestToken();
      await expect.poll(() => fast.received.length, { timeout: SEND_TIMEOUT_MS + 5_000, interval: 20 }).toBe(1);
      expect(Date.now() - queuedAt).toBeLessThan(SEND_TIMEOUT_MS);
    } finally {
      stopping.abort();
      // Closing the slow receiver ends its sends in flight at once.
      await slow.stop();
      await worker;
      await slow.start();
    }
  }, 60_000);

  it("a claim takes at most one due delivery per endpoint, and every account's first before any account's second", async () => {
    const big = await createTestAccount();
    signInAs(big.admin);
    const old = new Date(Date.now() - 60_000);
    for (let i = 0; i < 12; i++) {
      const { endpointId } = await createTestEndpoint(`${fast.url}?n=${i}`, ["token.created"]);
      await queue(big.accountId, endpointId, 3, old);
    }
    const small = await createTestAccount();
    signInAs(small.admin);
    const { endpointId: smallEndpoint } = await createTestEndpoint(fast.url, ["token.created"]);
    await queue(small.accountId, smallEndpoint, 1, new Date(Date.now() - 1_000));

    const claimed = await claimDueDeliveries(new Date(), 10, [big.accountId, small.accountId]);
    expect(claimed).toHaveLength(10);
    expect(new Set(claimed.map((d) => d.endpointId)).size).toBe(10);
    expect(claimed.map((d) => d.endpointId)).toContain(smallEndpoint);
  });

  it("two workers never send the same delivery, even when the sends outlast a claim's lease", async () => {
    const account = await createTestAccount();
    signInAs(account.admin);
    const { endpointId } = await createTestEndpoint(fast.url, ["token.created"]);
    await queue(account.accountId, endpointId, 12, new Date(Date.now() - 60_000));
    // Each send "takes" 9 s on the workers' clock (a receiver just under the timeout).
    fast.state.delayMs = 200;
    clock.now = () => Date.now() + fast.received.length * 9_000;

    const first = sendDueDeliveries({ accountId: account.accountId });
    // Seven 9-second sends: longer than one lease (60 s) since the first worker started.
    await expect.poll(() => fast.received.length, { timeout: 20_000, interval: 10 }).toBeGreaterThanOrEqual(7);
    const second = sendDueDeliveries({ accountId: account.accountId });
    await Promise.all([first, second]);

    expect(fast.uniqueIds().size).toBe(12);
    expect(fast.received).toHaveLength(12);
    const rows = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
    expect(rows.every((r) => r.status === "delivered" && r.attempts === 1)).toBe(true);
  }, 60_000);
});

describe("limits on what one account can queue", () => {
  it("an account has at most 20 endpoints: the 21st is refused with a message and nothing is written", async () => {
    const account = await createTestAccount();
    signInAs(account.admin);
    for (let i = 0; i < 20; i++) await createTestEndpoint(`${fast.url}?n=${i}`, ["token.created"]);
    const refused = await createEndpoint({ url: fast.url, description: "one too many", events: ["token.created"] });
    expect(refused).toEqual({ ok: false, formError: "An account can have at most 20 webhook endpoints. Disable or reuse one of the existing endpoints instead." });
    expect(await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.accountId, account.accountId))).toHaveLength(20);
  });

  it("'Send test event' and 'Resend' share a budget per endpoint, with a clear message when spent", async () => {
    const account = await createTestAccount();
    signInAs(account.admin);
    const { endpointId } = await createTestEndpoint(fast.url, ["token.created"]);
    const other = await createTestEndpoint(fast.url, ["token.created"]);
    for (let i = 0; i < 9; i++) expect((await sendTestEvent(endpointId)).ok).toBe(true);
    const [row] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).limit(1);
    expect((await resendDelivery(endpointId, row!.id)).ok).toBe(true);

    const tooMany = { ok: false, formError: expect.stringMatching(/^Too many test events and resends for this endpoint\. Try again in \d+ seconds?\.$/) };
    expect(await sendTestEvent(endpointId)).toEqual(tooMany);
    expect(await resendDelivery(endpointId, row!.id)).toEqual(tooMany);
    expect(await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId))).toHaveLength(9);
    // Another endpoint has a budget of its own.
    expect((await sendTestEvent(other.endpointId)).ok).toBe(true);
  });
});
