import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiTokens, webhookDeliveries, webhookEndpoints } from "@/db/tables";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call } from "@/test/api-server";
import { startApiInstance, type ApiInstance } from "@/test/api-instances";

/**
 * The daily profile limit across two app instances (two processes) sharing real Redis and
 * Postgres: what one instance let in counts on the other, and the last place goes to one
 * customer only. Needs DATABASE_URL and REDIS_URL (profile-limit-memory.test.ts covers one
 * instance without Redis).
 */
const shared = process.env.DATABASE_URL && process.env.REDIS_URL;

describe.skipIf(!shared)("daily profile limit on two instances sharing Redis", () => {
  withTestDatabase();
  const instances: ApiInstance[] = [];
  let accountId: string;
  let actor: Awaited<ReturnType<typeof seedApiAccount>>["actor"];

  beforeAll(async () => {
    ({ accountId, actor } = await seedApiAccount());
    instances.push(...(await Promise.all([startApiInstance(), startApiInstance()])));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.process.stop()));
  });

  /** A Profile Read token by customer id whose daily profile limit is `limit`. */
  async function tokenWithLimit(limit: number) {
    const issued = await issueToken(actor, { type: "profile_read", description: `limit ${limit}`, exposedAttributes: ["first_name"], linkingAttribute: "customer_id", ipAllowList: [{ value: "127.0.0.1" }] });
    await getDb().update(apiTokens).set({ dailyProfileLimit: limit }).where(eq(apiTokens.id, issued.id));
    return issued;
  }
  const lookup = (instance: ApiInstance, token: string, customerId: string) => call(instance.port, `/api/v1/profile?customer_id=${customerId}`, { token });
  const untilMidnight = () => Math.ceil((Math.ceil(Date.now() / 86_400_000) * 86_400_000 - Date.now()) / 1000);

  it("limit 1: Jane on one instance, then another customer is refused on the other until midnight UTC, and Jane is still served on both", async () => {
    const [a, b] = instances as [ApiInstance, ApiInstance];
    const { token } = await tokenWithLimit(1);
    const jane = await lookup(a, token, "C-00001");
    expect(jane).toMatchObject({ status: 200, body: { data: { first_name: "Jane" } } });

    const other = await lookup(b, token, "C-00002");
    expect(other.status).toBe(429);
    expect(other.body.error).toEqual({ code: "profile_limit_reached", message: expect.stringContaining("1 distinct customers a day") });
    const retryAfter = Number(other.headers["retry-after"]);
    expect(Math.abs(retryAfter - untilMidnight())).toBeLessThanOrEqual(5);
    // Not the per-minute rate limit: that budget is far from spent.
    expect(other.headers.ratelimit).toMatch(/^"default";r=\d+;t=\d+$/);

    for (const instance of [b, a]) expect((await lookup(instance, token, "C-00001")).status).toBe(200);
    // Past the limit a value that matches nobody is refused too: 404 would tell it from a customer.
    expect((await lookup(a, token, "C-99999")).body.error).toMatchObject({ code: "profile_limit_reached" });
  });

  it("answers that return nobody do not count", async () => {
    const [a, b] = instances as [ApiInstance, ApiInstance];
    const { token } = await tokenWithLimit(1);
    expect((await lookup(a, token, "C-99998")).status).toBe(404);
    expect((await lookup(b, token, "C-99997")).status).toBe(404);
    expect((await lookup(b, token, "C-00003")).status).toBe(200);
    expect((await lookup(a, token, "C-00004")).status).toBe(429);
  });

  it("a profile withheld for lack of consent is not returned, so it does not count", async () => {
    const [a, b] = instances as [ApiInstance, ApiInstance];
    const { token } = await tokenWithLimit(1);
    // Sam Okafor (C-00002) withdrew personalisation consent, the token's purpose: 404, as if missing.
    expect((await lookup(a, token, "C-00002")).status).toBe(404);
    expect((await lookup(b, token, "C-00001")).status).toBe(200);
    expect((await lookup(a, token, "C-00003")).status).toBe(429);
  });

  it("concurrent first lookups of two customers on two instances with limit 1 admit exactly one", async () => {
    const [a, b] = instances as [ApiInstance, ApiInstance];
    for (let round = 0; round < 5; round++) {
      const { token } = await tokenWithLimit(1);
      // The token's first use on each instance (loaded from Postgres) before the race itself.
      await Promise.all([lookup(a, token, "C-99996"), lookup(b, token, "C-99996")]);
      const answers = await Promise.all([lookup(a, token, "C-00005"), lookup(b, token, "C-00006")]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 429]);
    }
  });

  it("counts distinct customers, not lookups, across instances", async () => {
    const [a, b] = instances as [ApiInstance, ApiInstance];
    const { token } = await tokenWithLimit(3);
    for (const id of ["C-00007", "C-00008", "C-00007", "C-00008"]) expect((await lookup(a, token, id)).status).toBe(200);
    expect((await lookup(b, token, "C-00008")).status).toBe(200);
    expect((await lookup(b, token, "C-00009")).status).toBe(200);
    expect((await lookup(a, token, "C-00010")).status).toBe(429);
    expect((await lookup(b, token, "C-00007")).status).toBe(200);
  });

  it("fires token.profile_limit_reached once for the day, however many refusals on however many instances", async () => {
    const [a, b] = instances as [ApiInstance, ApiInstance];
    const [endpoint] = await getDb()
      .insert(webhookEndpoints)
      .values({ accountId, url: "https://hooks.example.com/hub", events: ["token.profile_limit_reached"], secretCiphertext: "unused: never sent" })
      .returning({ id: webhookEndpoints.id });
    const { id, token } = await tokenWithLimit(1);
    expect((await lookup(a, token, "C-00011")).status).toBe(200);
    const refusals = await Promise.all([a, b, a, b, a, b].map((instance, i) => lookup(instance, token, `C-0001${2 + i}`)));
    expect(refusals.map((r) => r.status)).toEqual(Array(6).fill(429));
    const events = () =>
      getDb()
        .select({ payload: webhookDeliveries.payload })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.endpointId, endpoint!.id), eq(webhookDeliveries.eventType, "token.profile_limit_reached"), sql`${webhookDeliveries.payload}->'data'->'token'->>'id' = ${id}`));
    await expect.poll(async () => (await events()).length, { timeout: 5_000 }).toBe(1);
    // The background writes of both instances have settled: still one.
    await new Promise((r) => setTimeout(r, 500));
    const [only, ...more] = await events();
    expect(more).toEqual([]);
    const midnight = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000).toISOString();
    expect(only!.payload.data).toMatchObject({ daily_profile_limit: 1, resets_at: midnight });
  });
});
