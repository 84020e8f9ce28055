import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { apiTokens, webhookDeliveries } from "@/db/tables";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { createTestEndpoint, createTestToken, withWebhookReceiver } from "@/test/webhook-setup";
import type { WebhookEventType } from "./events";
import { sweepExpiringTokens } from "./expiry-sweep";
import { RateLimitedNotices } from "./rate-limited";
import { sendDueDeliveries } from "./worker";

withTestDatabase();

const DAY = 86_400_000;
const receiver = withWebhookReceiver();
let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount({ maxActiveTokens: 100 });
  signInAs(account.admin);
});

const endpoint = async (events?: WebhookEventType[]) => (await createTestEndpoint(receiver.url, events)).endpointId;
const eventsOf = async (endpointId: string) =>
  (await getDb().select({ type: webhookDeliveries.eventType, payload: webhookDeliveries.payload }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(webhookDeliveries.id)).map(
    (d) => `${d.type}${(d.payload.data as { days_left?: number }).days_left !== undefined ? `:${(d.payload.data as { days_left: number }).days_left}` : ""}`,
  );

describe("the worker across instances", () => {
  it("two workers claiming at once never send one event twice", async () => {
    const endpointId = await endpoint();
    for (let i = 0; i < 12; i++) await createTestToken();
    // Other files' leftovers may be due too (the database is shared): judge by this endpoint.
    await Promise.all([sendDueDeliveries({ accountId: account.accountId }), sendDueDeliveries({ accountId: account.accountId })]);
    const rows = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
    expect(rows.map((r) => `${r.status}/${r.attempts}`)).toEqual(Array(12).fill("delivered/1"));
    expect(receiver.received).toHaveLength(12);
    expect(receiver.uniqueIds().size).toBe(12);
  });
});

describe("token.expiring and token.expired", () => {
  it("fire 7 days and 1 day before, then at expiry, each once however often the sweep runs", async () => {
    const endpointId = await endpoint(["token.expiring", "token.expired"]);
    const tokenId = (await createTestToken()).tokenId;
    const start = Date.now();
    const expiresAt = new Date(start + 6.5 * DAY);
    await getDb().update(apiTokens).set({ expiresAt }).where(eq(apiTokens.id, tokenId));

    expect(await sweepExpiringTokens(new Date(start))).toBeGreaterThanOrEqual(1);
    await sweepExpiringTokens(new Date(start));
    await Promise.all([sweepExpiringTokens(new Date(start + DAY)), sweepExpiringTokens(new Date(start + DAY))]);
    expect(await eventsOf(endpointId)).toEqual(["token.expiring:7"]);

    await Promise.all([sweepExpiringTokens(new Date(start + 6 * DAY)), sweepExpiringTokens(new Date(start + 6 * DAY))]);
    expect(await eventsOf(endpointId)).toEqual(["token.expiring:7", "token.expiring:1"]);

    await sweepExpiringTokens(new Date(start + 7 * DAY));
    await sweepExpiringTokens(new Date(start + 8 * DAY));
    expect(await eventsOf(endpointId)).toEqual(["token.expiring:7", "token.expiring:1", "token.expired"]);
  });

  it("skip revoked tokens and accounts that do not listen", async () => {
    const endpointId = await endpoint(["token.revoked"]);
    const tokenId = (await createTestToken()).tokenId;
    await getDb().update(apiTokens).set({ expiresAt: new Date(Date.now() + 2 * DAY) }).where(eq(apiTokens.id, tokenId));
    await sweepExpiringTokens(new Date());
    expect(await eventsOf(endpointId)).toEqual([]);
  });
});

describe("token.rate_limited", () => {
  it("at most once per token per hour, across instances", async () => {
    const endpointId = await endpoint(["token.rate_limited"]);
    const tokenId = (await createTestToken()).tokenId;
    const hour = Math.floor(Date.now() / 3_600_000);
    const [one, two] = [new RateLimitedNotices(), new RateLimitedNotices()];
    const results = await Promise.all([one.enqueue({ id: tokenId, accountId: account.accountId }, hour, new Date()), two.enqueue({ id: tokenId, accountId: account.accountId }, hour, new Date())]);
    expect(results.sort()).toEqual([false, true]);
    expect(await one.enqueue({ id: tokenId, accountId: account.accountId }, hour + 1, new Date())).toBe(true);
    expect(await eventsOf(endpointId)).toEqual(["token.rate_limited", "token.rate_limited"]);
  });

  it("the 429 path writes nothing after the first 429 of the hour", async () => {
    const endpointId = await endpoint(["token.rate_limited"]);
    const tokenId = (await createTestToken()).tokenId;
    const notices = new RateLimitedNotices();
    const now = Date.now();
    for (let i = 0; i < 1_000; i++) notices.note({ id: tokenId, accountId: account.accountId }, now);
    await expect.poll(() => eventsOf(endpointId)).toEqual(["token.rate_limited"]);
  });
});
