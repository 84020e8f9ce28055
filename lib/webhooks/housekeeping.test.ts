import { eq, inArray, like, sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { webhookDeliveries, webhookEndpoints, webhookEventMarks } from "@/db/tables";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { createTestEndpoint, createTestToken, withWebhookReceiver } from "@/test/webhook-setup";
import { revokeLeakedTokens } from "@/lib/tokens/write/exposure";
import { hashToken } from "@/lib/tokens/secret";
import { claimDueDeliveries } from "./delivery-queries";
import type { WebhookEventType } from "./events";
import { listEndpoints } from "./queries";
import { RateLimitedNotices } from "./rate-limited";
import { purgeOldWebhookRows } from "./retention";
import { sendDueDeliveries } from "./worker";

// The webhooks' database work: claims that never overlap, and nothing written or kept for nothing.

withTestDatabase();

const DAY = 86_400_000;
const receiver = withWebhookReceiver();
let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount({ maxActiveTokens: 100 });
  signInAs(account.admin);
});

const endpoint = async (events?: WebhookEventType[]) => (await createTestEndpoint(receiver.url, events)).endpointId;
const deliveriesOf = (endpointId: string) => getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(webhookDeliveries.id);

describe("claiming due deliveries", () => {
  it("concurrent claims split the due rows: none twice, at most one per endpoint each, none left", async () => {
    for (let i = 0; i < 5; i++) await endpoint(["token.created"]);
    for (let i = 0; i < 3; i++) await createTestToken();
    const now = new Date();
    const ids: number[] = [];
    // On Postgres these run on separate pooled connections at once; rounds until nothing is left.
    for (let round = 0; round < 10 && ids.length < 15; round++) {
      const claims = await Promise.all(Array.from({ length: 6 }, () => claimDueDeliveries(now, 3, account.accountId)));
      for (const claim of claims) expect(new Set(claim.map((c) => c.endpointId)).size).toBe(claim.length);
      expect(claims.flat().every((c) => c.url === receiver.url && c.attempts === 1 && c.secretCiphertext.length > 0)).toBe(true);
      ids.push(...claims.flat().map((c) => c.id));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(15);
    expect(await claimDueDeliveries(now, 10, account.accountId)).toEqual([]);
  });

  // Needs a second connection holding a lock: only a real Postgres server has one.
  it.skipIf(!process.env.DATABASE_URL)("passes over rows another connection holds, without waiting for it", async () => {
    const endpoints = [await endpoint(["token.created"]), await endpoint(["token.created"]), await endpoint(["token.created"])];
    await createTestToken();
    const [held, ...free] = (await Promise.all(endpoints.map(deliveriesOf))).flat();
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const conn = await other.reserve();
      await conn`begin`;
      await conn`select id from webhook_deliveries where id = ${held!.id} for update`;
      const claimed = await claimDueDeliveries(new Date(), 10, account.accountId).finally(() => conn`rollback`.then(() => conn.release()));
      expect(claimed.map((c) => c.id)).toEqual(free.map((d) => d.id).sort((a, b) => a - b));
      expect((await claimDueDeliveries(new Date(), 10, account.accountId)).map((c) => c.id)).toEqual([held!.id]);
    } finally {
      await other.end();
    }
  });

  it("a stopping worker claims nothing more", async () => {
    const endpointId = await endpoint(["token.created"]);
    await createTestToken();
    expect(await sendDueDeliveries({ accountId: account.accountId, stopping: AbortSignal.abort() })).toBe(0);
    expect((await deliveriesOf(endpointId))[0]).toMatchObject({ status: "pending", attempts: 0 });
  });
});

it("the endpoint list shows each endpoint's latest delivery, of that endpoint only", async () => {
  const busy = await endpoint(["token.created", "token.revoked"]);
  const quiet = await endpoint(["token.expired"]);
  await createTestToken();
  await createTestToken();
  receiver.state.status = 500;
  await sendDueDeliveries({ accountId: account.accountId });
  const latest = (await deliveriesOf(busy)).at(-1)!;
  const list = await listEndpoints(account.accountId);
  expect(list.map((e) => e.id)).toEqual([busy, quiet]);
  expect(list[0]!.lastDelivery).toEqual({ status: "pending", lastStatus: 500, at: latest.lastAttemptAt });
  expect(list[1]!.lastDelivery).toBeNull();
});

describe("nothing written for nothing", () => {
  it("a 429 of an account without a token.rate_limited endpoint writes no mark", async () => {
    const { tokenId } = await createTestToken();
    await endpoint(["token.created"]);
    const hour = Math.floor(Date.now() / 3_600_000);
    const notices = new RateLimitedNotices();
    expect(await notices.enqueue({ id: tokenId, accountId: account.accountId }, hour, new Date())).toBe(false);
    expect(await getDb().select().from(webhookEventMarks).where(like(webhookEventMarks.key, `%${tokenId}%`))).toEqual([]);
    // Listening from now on: the same hour still fires (no mark was burnt).
    await endpoint(["token.rate_limited"]);
    expect(await notices.enqueue({ id: tokenId, accountId: account.accountId }, hour, new Date())).toBe(true);
  });

  it("a success rewrites the endpoint only to end a failure streak", async () => {
    const endpointId = await endpoint(["token.created"]);
    // xmin changes with every write of the row: equal means not rewritten.
    const row = async () => {
      const [r] = await getDb().select({ failingSince: webhookEndpoints.failingSince, v: sql<string>`xmin::text` }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
      return r!;
    };
    const before = await row();
    await createTestToken();
    expect(await sendDueDeliveries({ accountId: account.accountId })).toBe(1);
    expect(await row()).toEqual(before);

    receiver.state.status = 500;
    await createTestToken();
    await sendDueDeliveries({ accountId: account.accountId });
    expect((await row()).failingSince).not.toBeNull();
    receiver.state.status = 200;
    await getDb().update(webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(webhookDeliveries.endpointId, endpointId));
    await sendDueDeliveries({ accountId: account.accountId });
    expect((await row()).failingSince).toBeNull();
  });
});

it("retention deletes finished deliveries after 30 days and marks after 8, nothing younger or pending", async () => {
  const endpointId = await endpoint(["token.created"]);
  const now = Date.now();
  const row = (n: number, status: "pending" | "delivered" | "failed", daysAgo: number) => ({
    messageId: `msg_retention_${endpointId}_${n}`,
    accountId: account.accountId,
    endpointId,
    eventType: "token.created",
    payload: { type: "token.created" },
    status,
    lastAttemptAt: new Date(now - daysAgo * DAY),
    createdAt: new Date(now - daysAgo * DAY),
    nextAttemptAt: new Date(now + DAY),
    giveUpAt: new Date(now - (daysAgo - 1) * DAY),
  });
  await getDb().insert(webhookDeliveries).values([row(1, "delivered", 31), row(2, "failed", 31), row(3, "delivered", 29), row(4, "pending", 40)]);
  const key = (n: number) => `retention-test:${endpointId}:${n}`;
  await getDb().insert(webhookEventMarks).values([{ key: key(1), createdAt: new Date(now - 9 * DAY) }, { key: key(2), createdAt: new Date(now - 7 * DAY) }]);

  const deleted = await purgeOldWebhookRows(new Date(now));
  expect(deleted.deliveries).toBeGreaterThanOrEqual(2);
  expect((await deliveriesOf(endpointId)).map((d) => d.messageId.slice(-1))).toEqual(["3", "4"]);
  const marks = await getDb().select().from(webhookEventMarks).where(inArray(webhookEventMarks.key, [key(1), key(2)]));
  expect(marks.map((m) => m.key)).toEqual([key(2)]);
});

it("a leak found at a URL that holds a secret leaves found_at out of the webhook", async () => {
  const endpointId = await endpoint(["token.exposed"]);
  const first = await createTestToken();
  const second = await createTestToken();
  const report = { reporter: "Public report", ip: "203.0.113.9", now: new Date() };
  await revokeLeakedTokens([{ hash: hashToken(first.token), url: `https://paste.example/raw?t=${first.token}` }], report);
  await revokeLeakedTokens([{ hash: hashToken(second.token), url: "https://paste.example/raw/abc" }], report);
  const exposed = (await deliveriesOf(endpointId)).filter((d) => d.eventType === "token.exposed").map((d) => (d.payload.data as { found_at: string | null }).found_at);
  expect(exposed).toEqual([null, "https://paste.example/raw/abc"]);
});
