import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { notifyTokenChanged } from "@/db/notify";
import { apiTokens, profiles } from "@/db/tables";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, type CallResult } from "@/test/api-server";
import { withApiServer } from "@/test/with-api-server";
import type { Actor } from "@/lib/changes/record-change";
import { accessLog } from "@/lib/governance/access-log";
import { listAccessLog } from "@/lib/governance/queries";
import type { ProfilePurpose } from "@/lib/tokens/scopes";
import { NOT_FOUND_TTL_MS } from "../invalidation/profile-cache";

// Consent per purpose (PRODUCT.md §11), over HTTP against the real handler and database. The
// demo's Sam Okafor has withdrawn personalisation consent and keeps service and analytics.
// Purposes are set in the database here: the form's field is another change.

withTestDatabase();
const server = withApiServer();

const JANE = "jane.remington@demo-retail.test";
const SAM = "sam.okafor@demo-retail.test";
const EXPOSED = ["email", "first_name", "loyalty_tier"];
let actor: Actor;

beforeAll(async () => {
  ({ actor } = await seedApiAccount());
}, 120_000);

async function profileToken(purpose: ProfilePurpose | null, description = `${purpose} ${randomUUID()}`) {
  const issued = await issueToken(actor, { type: "profile_read", description, exposedAttributes: EXPOSED, linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] });
  // Before its first use: no instance has it cached yet.
  await getDb().update(apiTokens).set({ purpose }).where(eq(apiTokens.id, issued.id));
  return issued;
}

const get = (token: string, email: string) => call(server.port, `/api/v1/profile?email=${encodeURIComponent(email)}`, { token });
const post = (token: string, email: string) => call(server.port, "/api/v1/profile/lookup", { token, method: "POST", body: { email } });

/** Everything a caller sees but the request's own id and the budget it left. */
function comparable(result: CallResult) {
  const { "request-id": _id, date: _date, ...headers } = result.headers;
  return { status: result.status, body: result.body, headers: { ...headers, ratelimit: headers.ratelimit?.replace(/r=\d+/, "r=…") } };
}

const outcomes = async (tokenId: string) => {
  await accessLog.flush();
  return (await listAccessLog(actor.accountId, tokenId, {}, null, 500)).map((r) => r.outcome);
};

describe("a profile without consent for the token's purpose", () => {
  it("answers a Personalisation token exactly like a missing profile, by GET and POST, cold, cached and after the cache's not-found time", async () => {
    const personalisation = await profileToken("personalisation");
    // The first request misses both caches (token and profile in one statement), the next ones
    // hit them; the missing profile's answer is asked right after, the same way.
    for (const ask of [get, post]) {
      // The POST's round starts once the GET's cached answers are past the not-found time (3 s).
      if (ask === post) await new Promise((r) => setTimeout(r, NOT_FOUND_TTL_MS + 100));
      for (let i = 0; i < 3; i++) {
        const sam = await ask(personalisation.token, SAM);
        const missing = await ask(personalisation.token, `nobody-${i}@demo-retail.test`);
        expect(sam.status).toBe(404);
        expect(comparable(sam)).toEqual(comparable(missing));
      }
    }
    expect(JSON.stringify((await get(personalisation.token, SAM)).sent)).not.toMatch(/sam|okafor/i);
    expect((await get(personalisation.token, JANE)).status).toBe(200);
  });

  it("is read by a Customer service token, and by an Analytics one", async () => {
    for (const purpose of ["service", "analytics"] as const) {
      const token = await profileToken(purpose);
      expect(await get(token.token, SAM), purpose).toMatchObject({ status: 200, body: { data: { email: SAM, first_name: "Sam" } } });
      expect(await post(token.token, SAM), purpose).toMatchObject({ status: 200, body: { data: { email: SAM, first_name: "Sam" } } });
    }
  });

  it("is withheld from a Personalisation token even when another purpose's token just cached the same answer", async () => {
    const service = await profileToken("service");
    const personalisation = await profileToken("personalisation");
    // Same account, attribute, value and exposure set: one cache entry serves both tokens.
    expect((await get(service.token, SAM)).status).toBe(200);
    expect((await get(service.token, SAM)).status).toBe(200);
    expect((await get(personalisation.token, SAM)).status).toBe(404);
    expect((await post(personalisation.token, SAM)).status).toBe(404);
    expect((await get(service.token, SAM)).status).toBe(200);
  });

  it("is withheld from a token whose purpose is unknown or missing: nothing is guessed", async () => {
    const none = await profileToken(null);
    expect((await get(none.token, JANE)).status).toBe(404);
    const odd = await profileToken("marketing" as ProfilePurpose);
    expect((await get(odd.token, JANE)).status).toBe(404);
    expect(await outcomes(none.id)).toEqual(["withheld"]);
  });

  it("is recorded as withheld in the access log, nothing returned; a found read as found", async () => {
    const personalisation = await profileToken("personalisation");
    const service = await profileToken("service");
    await get(personalisation.token, SAM);
    await post(personalisation.token, SAM);
    await get(personalisation.token, "nobody@demo-retail.test");
    await get(service.token, SAM);
    await accessLog.flush();
    const rows = await listAccessLog(actor.accountId, personalisation.id, {}, null, 10);
    // Identical reads within a second are one row with their count.
    const reads = (outcome: string) => rows.filter((r) => r.outcome === outcome).reduce((n, r) => n + r.reads, 0);
    expect([reads("withheld"), reads("not_found"), reads("found")]).toEqual([2, 1, 0]);
    expect(rows.every((r) => r.attributes.length === 0)).toBe(true);
    expect(await outcomes(service.id)).toEqual(["found"]);
  });
});

describe("the enumeration alarm", () => {
  it("does not count withheld lookups as not found: a partner reading 120 customers who opted out is not guessing", async () => {
    const optedOut = Array.from({ length: 120 }, (_, i) => `opted-out-${i}-${randomUUID()}@consent.test`);
    await getDb()
      .insert(profiles)
      .values(optedOut.map((email) => ({ accountId: actor.accountId, attributes: { email, first_name: "Opted" }, consentPersonalisation: false })));
    const personalisation = await profileToken("personalisation");
    for (const email of optedOut) expect((await get(personalisation.token, email)).status).toBe(404);
    const recorded = await outcomes(personalisation.id);
    expect(recorded).toHaveLength(120);
    expect(new Set(recorded)).toEqual(new Set(["withheld"]));
    const [row] = await getDb().select({ suspiciousAt: apiTokens.suspiciousAt }).from(apiTokens).where(eq(apiTokens.id, personalisation.id));
    expect(row!.suspiciousAt).toBeNull();
    expect((await get(personalisation.token, JANE)).headers["ratelimit-policy"]).toBe('"default";q=600;w=60');

    // The same 120 lookups of values nobody has do trip it: the rule above is what spared the partner.
    const guesser = await profileToken("personalisation");
    for (let i = 0; i < 120; i++) await get(guesser.token, `guess-${randomUUID()}@consent.test`);
    await accessLog.flush();
    const [tripped] = await getDb().select({ suspiciousAt: apiTokens.suspiciousAt }).from(apiTokens).where(eq(apiTokens.id, guesser.id));
    expect(tripped!.suspiciousAt).not.toBeNull();
  });
});

describe("changes", () => {
  it("a token's edited purpose is served at once: the edit's notification drops the cached token", async () => {
    const token = await profileToken("personalisation");
    expect((await get(token.token, SAM)).status).toBe(404);
    expect((await get(token.token, SAM)).status).toBe(404); // the token is cached now
    // What an edit does (lib/changes: token.updated invalidates): the row and the NOTIFY, one transaction.
    await getDb().transaction(async (tx) => {
      await tx.update(apiTokens).set({ purpose: "service" }).where(eq(apiTokens.id, token.id));
      await notifyTokenChanged(tx, token.id);
    });
    await vi.waitFor(async () => expect((await get(token.token, SAM)).status).toBe(200), { timeout: 1_000, interval: 10 });
  });

  it("a profile's consent change is served within a second on this instance", async () => {
    const email = `changing-${randomUUID()}@consent.test`;
    await getDb().insert(profiles).values({ accountId: actor.accountId, attributes: { email, first_name: "Changing" } });
    const token = await profileToken("personalisation");
    for (let i = 0; i < 2; i++) expect((await get(token.token, email)).status).toBe(200);
    const setConsent = (value: boolean) =>
      getDb()
        .update(profiles)
        .set({ consentPersonalisation: value })
        .where(and(eq(profiles.accountId, actor.accountId), sql`${profiles.attributes} @> ${JSON.stringify({ email })}::jsonb`));
    await setConsent(false);
    await vi.waitFor(async () => expect((await get(token.token, email)).status).toBe(404), { timeout: 1_000, interval: 10 });
    await setConsent(true);
    await vi.waitFor(async () => expect((await get(token.token, email)).status).toBe(200), { timeout: 1_000, interval: 10 });
  });
});
