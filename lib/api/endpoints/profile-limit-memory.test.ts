import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Without Redis: the day's customers are counted in this process's memory (one instance).
vi.hoisted(() => {
  process.env.REDIS_URL = "";
});

import { getDb } from "@/db";
import { apiTokens } from "@/db/tables";
import { getRedis } from "@/lib/redis";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call } from "@/test/api-server";
import { withApiServer } from "@/test/with-api-server";

withTestDatabase();
const server = withApiServer();
let actor: Awaited<ReturnType<typeof seedApiAccount>>["actor"];
beforeAll(async () => {
  ({ actor } = await seedApiAccount());
});

async function tokenWithLimit(limit: number) {
  const issued = await issueToken(actor, { type: "profile_read", description: `limit ${limit}`, exposedAttributes: ["first_name"], linkingAttribute: "customer_id", ipAllowList: [{ value: "127.0.0.1" }] });
  await getDb().update(apiTokens).set({ dailyProfileLimit: limit }).where(eq(apiTokens.id, issued.id));
  return issued.token;
}
const lookup = (token: string, customerId: string) => call(server.port, `/api/v1/profile?customer_id=${customerId}`, { token });

describe("daily profile limit without Redis", () => {
  it("limit 1: Jane, then another customer refused until midnight UTC, then Jane again", async () => {
    expect(getRedis()).toBeNull();
    const token = await tokenWithLimit(1);
    expect((await lookup(token, "C-00001")).status).toBe(200);
    const other = await lookup(token, "C-00002");
    expect(other.status).toBe(429);
    expect(other.body.error).toMatchObject({ code: "profile_limit_reached" });
    const untilMidnight = (Math.ceil(Date.now() / 86_400_000) * 86_400_000 - Date.now()) / 1000;
    expect(Math.abs(Number(other.headers["retry-after"]) - untilMidnight)).toBeLessThanOrEqual(5);
    expect((await lookup(token, "C-00001")).status).toBe(200);
  });

  it("concurrent first lookups of two customers with limit 1 admit exactly one", async () => {
    const token = await tokenWithLimit(1);
    await lookup(token, "C-99999");
    const answers = await Promise.all([lookup(token, "C-00003"), lookup(token, "C-00004")]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 429]);
  });

  it("a token's own limit: another token of the account is not affected", async () => {
    const [first, second] = [await tokenWithLimit(1), await tokenWithLimit(1)];
    expect((await lookup(first, "C-00005")).status).toBe(200);
    expect((await lookup(first, "C-00006")).status).toBe(429);
    expect((await lookup(second, "C-00006")).status).toBe(200);
  });
});
