import { and, desc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { apiTokens, auditEvents, tokenEvents, webhookDeliveries } from "@/db/tables";
import { tokenEventLabels } from "@/lib/tokens/labels";
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

describe("an expiry on record", () => {
  const historyOf = (tokenId: string) =>
    getDb().select({ action: tokenEvents.action, actorName: tokenEvents.actorName, ip: tokenEvents.ip, at: tokenEvents.createdAt }).from(tokenEvents).where(eq(tokenEvents.tokenId, tokenId)).orderBy(tokenEvents.id);
  const auditOf = (tokenId: string) =>
    getDb()
      .select({ action: auditEvents.action, actorKind: auditEvents.actorKind, actorName: auditEvents.actorName, targetId: auditEvents.targetId, ip: auditEvents.ip, at: auditEvents.at })
      .from(auditEvents)
      .where(and(eq(auditEvents.accountId, account.accountId), eq(auditEvents.targetId, tokenId)))
      .orderBy(auditEvents.id);

  it("writes History's Expired and the audit log's token.expired by System once, on any number of instances, without an endpoint", async () => {
    const tokenId = (await createTestToken()).tokenId;
    const expiresAt = new Date(Date.now() + 2 * DAY);
    await getDb().update(apiTokens).set({ expiresAt }).where(eq(apiTokens.id, tokenId));
    // Before it expires: nothing to record (and no endpoint to notify).
    await sweepExpiringTokens(new Date(expiresAt.getTime() - 1_000));
    expect((await historyOf(tokenId)).map((e) => e.action)).toEqual(["created"]);

    const after = new Date(expiresAt.getTime() + 60_000);
    await Promise.all([sweepExpiringTokens(after), sweepExpiringTokens(after), sweepExpiringTokens(after)]);
    await sweepExpiringTokens(new Date(expiresAt.getTime() + 3 * DAY));
    expect((await historyOf(tokenId)).slice(1)).toEqual([{ action: "expired", actorName: "System", ip: "—", at: expiresAt }]);
    expect((await auditOf(tokenId)).slice(1)).toEqual([{ action: "token.expired", actorKind: "system", actorName: "System", targetId: tokenId, ip: null, at: expiresAt }]);
    expect(tokenEventLabels.expired).toBe("Expired");
  });

  it("queues token.expired (and its audit.event) with the record, once", async () => {
    const expired = await endpoint(["token.expired"]);
    const trail = await endpoint(["audit.event"]);
    const tokenId = (await createTestToken()).tokenId;
    const expiresAt = new Date(Date.now() + DAY);
    await getDb().update(apiTokens).set({ expiresAt }).where(eq(apiTokens.id, tokenId));
    const after = new Date(expiresAt.getTime() + 1_000);
    await Promise.all([sweepExpiringTokens(after), sweepExpiringTokens(after)]);
    expect(await eventsOf(expired)).toEqual(["token.expired"]);
    expect((await eventsOf(trail)).slice(-1)).toEqual(["audit.event"]);
    const [delivery] = await getDb().select({ payload: webhookDeliveries.payload }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, trail)).orderBy(desc(webhookDeliveries.id)).limit(1);
    expect(delivery!.payload.data).toMatchObject({ action: "token.expired", actor: { kind: "system", id: null, name: "System" }, target: { kind: "token", id: tokenId }, at: expiresAt.toISOString() });
  });

  it("records nothing for a revoked token past its expiry", async () => {
    const tokenId = (await createTestToken()).tokenId;
    const expiresAt = new Date(Date.now() + DAY);
    await getDb().update(apiTokens).set({ expiresAt, status: "revoked", revokedAt: new Date() }).where(eq(apiTokens.id, tokenId));
    await sweepExpiringTokens(new Date(expiresAt.getTime() + 1_000));
    expect((await historyOf(tokenId)).map((e) => e.action)).toEqual(["created"]);
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
