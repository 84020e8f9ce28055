import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { apiTokens, profiles, tokenEvents } from "@/db/tables";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer } from "@/test/api-server";
import { startTokenInvalidation } from "@/lib/api/invalidation/token-invalidation";
import type { Actor } from "@/lib/changes/record-change";
import { accessLog, AccessLogRecorder } from "@/lib/governance/access-log";
import { markTokenReviewed } from "@/lib/tokens/write/suspicious";
import { insertAccessRows, listAccessLog, topRefusedIps } from "@/lib/governance/queries";
import { refusedIps } from "@/lib/governance/refused-ips";
import { hashLookupValue, searchHashes } from "@/lib/governance/value-hash";

// The access log, the enumeration alarm and refused IPs, end to end through the real API
// handler and database; the writers are flushed by hand instead of by their timers.
withTestDatabase();

const JANE = "jane.remington@demo-retail.test";
let server: Awaited<ReturnType<typeof startApiServer>>;
let actor: Actor;

beforeAll(async () => {
  ({ actor } = await seedApiAccount());
  await startTokenInvalidation();
  server = await startApiServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const profileToken = (description: string, ipAllowList = [{ value: "127.0.0.0/30" }]) =>
  issueToken(actor, { type: "profile_read", description, exposedAttributes: ["email", "first_name", "loyalty_tier"], linkingAttribute: "email", ipAllowList });
const lookup = (token: string, email: string, from?: string) => call(server.port, `/api/v1/profile?email=${encodeURIComponent(email)}`, { token, from });

async function tokenRow(id: string) {
  const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, id));
  return row!;
}

/** Waits for the NOTIFY to reach this process's cache (the next lookup then sees the change). */
const eventually = (assertion: () => Promise<void>) => vi.waitFor(assertion, { timeout: 5_000, interval: 50 });

describe("access log", () => {
  it("records a read with a keyed hash of the value, never the value, and finds it by search", async () => {
    const token = await profileToken("Access log read");
    expect((await lookup(token.token, JANE)).status).toBe(200);
    expect((await lookup(token.token, "nobody@example.test")).status).toBe(404);
    await accessLog.flush();

    const rows = await listAccessLog(actor.accountId, token.id, {}, null, 50);
    expect(rows.map((r) => r.outcome)).toEqual(["not_found", "found"]);
    const read = rows[1]!;
    expect(read).toMatchObject({ ip: "127.0.0.1", linkingAttribute: "email", attributes: ["email", "first_name", "loyalty_tier"] });
    expect(read.valueHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain("jane");
    expect(rows[0]!.attributes).toEqual([]);

    const search = (typed: string) => listAccessLog(actor.accountId, token.id, { valueHashes: searchHashes(actor.accountId, typed) }, null, 50);
    expect((await search(`  ${JANE} `)).map((r) => r.id)).toEqual([read.id]);
    expect(await search("someone.else@demo-retail.test")).toEqual([]);
    // Another account never sees the rows, even with the right token id.
    expect(await listAccessLog(randomUUID(), token.id, {}, null, 50)).toEqual([]);
  });

  it("writes in batches: thousands of reads wait in memory and land in a few statements", async () => {
    const token = await profileToken("Batch");
    const t = { id: token.id, accountId: actor.accountId, exposedAttributes: ["email"] };
    const base = Date.now();
    for (let i = 0; i < 2_500; i++) accessLog.record(t, "127.0.0.1", "email", `user${i}@example.test`, "none", base - i);
    expect(accessLog.size).toBeGreaterThanOrEqual(2_500);
    await accessLog.flush();
    expect(accessLog.size).toBe(0);
    const page = await listAccessLog(actor.accountId, token.id, {}, null, 3_000);
    expect(page).toHaveLength(2_500);
    expect(page[0]!.valueHash).toBe(hashLookupValue(actor.accountId, "user0@example.test"));
  });

  it("holds at most 100,000 rows while the database refuses writes; beyond that they are dropped, not queued", () => {
    const recorder = new AccessLogRecorder();
    const t = { id: randomUUID(), accountId: actor.accountId, exposedAttributes: [] };
    for (let i = 0; i < 100_005; i++) recorder.record(t, null, "email", `x${i}`, "none", 1_700_000_000_000);
    expect(recorder.size).toBe(100_000);
  });

  it("identical reads within one second are one row with their count; another second, IP, value or outcome is another row", async () => {
    const issued = await profileToken("Page views");
    const token = { id: issued.id, accountId: actor.accountId, exposedAttributes: ["email"] };
    const recorder = new AccessLogRecorder();
    const at = Date.UTC(2026, 10, 20, 10, 0, 0, 100);
    for (let i = 0; i < 5; i++) recorder.record(token, "127.0.0.1", "email", JANE, "one", at + i * 100);
    recorder.record(token, "127.0.0.1", "email", JANE, "one", at + 1_000);
    recorder.record(token, "127.0.0.2", "email", JANE, "one", at);
    recorder.record(token, "127.0.0.1", "email", "someone@else.test", "none", at);
    expect(recorder.size).toBe(4);
    await recorder.flush();
    const rows = await listAccessLog(actor.accountId, token.id, {}, null, 10);
    expect(rows.map((r) => [r.at.getTime() - at, r.ip, r.outcome, r.reads]).sort()).toEqual(
      [[0, "127.0.0.1", "found", 5], [0, "127.0.0.1", "not_found", 1], [0, "127.0.0.2", "found", 1], [1_000, "127.0.0.1", "found", 1]].sort(),
    );
  });
});

describe("enumeration alarm", () => {
  it("throttles a token that looks up many random emails, and records why in History", async () => {
    const token = await profileToken("Enumerator");
    for (let i = 0; i < 120; i++) await lookup(token.token, `guess-${randomUUID()}@example.test`);
    await accessLog.flush();

    const row = await tokenRow(token.id);
    expect(row.suspiciousAt).not.toBeNull();
    expect(row.suspiciousReason).toBe("100 % of 120 different values looked up in 10 minutes found no profile");
    const [event] = await getDb()
      .select()
      .from(tokenEvents)
      .where(and(eq(tokenEvents.tokenId, token.id), eq(tokenEvents.action, "marked_suspicious")));
    expect(event!.changes[0]!.to).toContain("Suspicious activity");

    // Every instance learns it through the token's NOTIFY: now 10 a minute, and this minute is spent.
    await eventually(async () => expect((await lookup(token.token, JANE)).status).toBe(429));
    const throttled = await lookup(token.token, JANE);
    expect(throttled.status).toBe(429);
    expect(throttled.headers["ratelimit-policy"]).toBe('"default";q=10;w=60');

    // Mark as reviewed lifts it; old lookups no longer count towards a new alarm.
    expect(await markTokenReviewed(actor, token.id, new Date())).toBe(true);
    expect(await markTokenReviewed(actor, token.id, new Date())).toBe(false);
    const reviewed = await tokenRow(token.id);
    expect(reviewed.suspiciousAt).toBeNull();
    expect(reviewed.reviewedAt).not.toBeNull();
    await eventually(async () => expect((await lookup(token.token, JANE)).headers["ratelimit-policy"]).toBe('"default";q=600;w=60'));
    await accessLog.flush();
    expect((await tokenRow(token.id)).suspiciousAt).toBeNull();
  });

  it("trips on 100 guesses mixed with 100 repeats of one known customer (the share is over different values)", async () => {
    const token = await profileToken("Guesses among repeats");
    for (let i = 0; i < 100; i++) {
      await lookup(token.token, `guess-${randomUUID()}@example.test`);
      await lookup(token.token, JANE);
    }
    await accessLog.flush();
    expect((await tokenRow(token.id)).suspiciousReason).toBe("99 % of 101 different values looked up in 10 minutes found no profile");
  });

  it("trips on more than a day's cap of different values that found nobody, spread out under every 10-minute rule", async () => {
    const token = await profileToken("Slow guesser");
    const now = Date.now();
    // 2,001 guesses over the last 23 hours, about 15 per 10 minutes, each among known reads.
    const rows = Array.from({ length: 2_001 }, (_, i) => ({
      tokenId: token.id,
      accountId: actor.accountId,
      at: new Date(now - 60_000 - i * 41_000),
      ip: "127.0.0.1",
      linkingAttribute: "email",
      valueHash: hashLookupValue(actor.accountId, `slow-guess-${i}@example.test`),
      outcome: "not_found" as const,
      attributes: [],
      reads: 1,
    }));
    await insertAccessRows(rows);
    await lookup(token.token, `one-more-${randomUUID()}@example.test`);
    await accessLog.flush();
    expect((await tokenRow(token.id)).suspiciousReason).toBe("2002 different values found no profile in a day");
  });

  it("leaves a token alone that reads the same known customers over and over", async () => {
    const token = await profileToken("Normal partner");
    const known = [JANE, ...(await listKnownEmails(2))];
    for (let i = 0; i < 150; i++) expect((await lookup(token.token, known[i % known.length]!)).status).toBe(200);
    // A few misses among many hits are normal too.
    for (let i = 0; i < 5; i++) await lookup(token.token, `typo-${i}@example.test`);
    await accessLog.flush();
    expect((await tokenRow(token.id)).suspiciousAt).toBeNull();
    expect((await lookup(token.token, JANE)).headers["ratelimit-policy"]).toBe('"default";q=600;w=60');
  });
});

describe("refused client IPs", () => {
  it("counts ip_not_allowed refusals per address, without a write per request", async () => {
    const token = await profileToken("Refused IPs", [{ value: "127.0.0.1" }]);
    for (let i = 0; i < 3; i++) expect((await lookup(token.token, JANE, "127.0.0.2")).status).toBe(403);
    expect((await lookup(token.token, JANE, "127.0.0.3")).status).toBe(403);
    expect((await lookup(token.token, JANE, "127.0.0.1")).status).toBe(200);
    expect(await topRefusedIps(actor.accountId, token.id, "2000-01-01")).toEqual([]);
    await refusedIps.flush();
    const top = await topRefusedIps(actor.accountId, token.id, "2000-01-01");
    expect(top.map(({ ip, requests }) => ({ ip, requests }))).toEqual([
      { ip: "127.0.0.2", requests: 3 },
      { ip: "127.0.0.3", requests: 1 },
    ]);
    expect(top[0]!.lastSeenAt).toBeInstanceOf(Date);
    // A refusal never reaches the access log: no data was read.
    await accessLog.flush();
    expect((await listAccessLog(actor.accountId, token.id, {}, null, 50)).map((r) => r.ip)).toEqual(["127.0.0.1"]);
  });
});

/** A few real customers' emails of the test account (its profiles are generated) who consent to personalisation, the tokens' purpose. */
async function listKnownEmails(n: number): Promise<string[]> {
  const rows = await getDb()
    .select({ attributes: profiles.attributes })
    .from(profiles)
    .where(and(eq(profiles.accountId, actor.accountId), eq(profiles.consentPersonalisation, true)))
    .limit(n + 1);
  return rows.map((r) => String(r.attributes.email)).filter((e) => e !== JANE).slice(0, n);
}
