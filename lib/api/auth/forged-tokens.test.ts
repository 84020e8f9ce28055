import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { redisReady } from "@/test/redis";
import { parseClientIp } from "@/lib/net/ip";
import { generateToken, hashToken } from "@/lib/tokens/secret";
import { authenticate, identifiedRateHeaders } from "@/test/authenticate";
import { ANONYMOUS_LIMIT } from "./rate-limit";
import type { TokenRow } from "./queries";
import { tokenCache } from "./token-cache";
import type { ApiRequest } from "../http/types";

// The database, counted: which hashes exist, and how often it was asked.
const db = vi.hoisted(() => ({ lookups: 0, rows: new Map<string, unknown>() }));
vi.mock("./queries", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./queries")>()),
  getTokenByHash: async (hash: string) => {
    db.lookups++;
    return db.rows.get(hash) ?? null;
  },
}));

const request = (token: string, from: string): ApiRequest => ({
  method: "GET",
  path: "/api/v1/users",
  query: new URLSearchParams(),
  header: (name) => (name === "authorization" ? `Bearer ${token}` : undefined),
  clientIp: from,
  clientAddress: parseClientIp(from),
  requestId: "test-request",
  readJson: async () => ({}),
  readRaw: async () => Buffer.alloc(0),
});
const realToken = () => {
  const { token, hash } = generateToken("activity");
  const row: TokenRow = {
    ...{ id: randomUUID(), accountId: randomUUID(), type: "activity", status: "active", rateLimit: 100_000 },
    ...{ exposedAttributes: [], linkingAttribute: null, ipAllowList: [], expiresAt: null },
    ...{ secretHash: hash, oldSecretHash: null, oldSecretDeprecatedAt: null, oldSecretEndsAt: null, suspiciousAt: null, pausedAt: null },
    ...{ scopes: ["users:read", "groups:read", "forms:read", "activity:read"], purpose: null, dailyProfileLimit: null },
  };
  db.rows.set(hashToken(token), row);
  return token;
};
const statusOf = async (token: string, from: string) => {
  const result = await authenticate(request(token, from), "activity");
  return result.ok ? 200 : result.response.status;
};
const forged = () => generateToken("activity").token;
// Counters may live in Redis, across runs: every test gets addresses of its own (an IPv6 /64 is one client).
const freshIp = () => `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}::1`;

beforeAll(redisReady);

describe("forged tokens", () => {
  it("cost a client IP its failed-auth budget; once spent, 429 without a database lookup", async () => {
    tokenCache.setLive(true);
    const ip = freshIp();
    for (let i = 0; i < ANONYMOUS_LIMIT; i++) expect(await statusOf(forged(), ip)).toBe(401);
    const before = db.lookups;
    const refused = [];
    for (let i = 0; i < 20; i++) refused.push(await statusOf(forged(), ip));
    expect(refused).toEqual(Array(20).fill(429));
    expect(db.lookups).toBe(before);
    // Another client is not affected.
    expect(await statusOf(forged(), freshIp())).toBe(401);
  });

  it("sent to a wrong path (404, 405) spend the same budget", async () => {
    tokenCache.setLive(false);
    const ip = freshIp();
    for (let i = 0; i < ANONYMOUS_LIMIT; i++) await identifiedRateHeaders(request(forged(), ip));
    const before = db.lookups;
    for (let i = 0; i < 20; i++) await identifiedRateHeaders(request(forged(), ip));
    expect(db.lookups).toBe(before);
  });

  it("a known token already cached is still served to that IP: only database lookups are gated", async () => {
    tokenCache.setLive(true);
    const ip = freshIp();
    const token = realToken();
    expect(await statusOf(token, ip)).toBe(200);
    for (let i = 0; i <= ANONYMOUS_LIMIT; i++) await statusOf(forged(), ip);
    expect(await statusOf(forged(), ip)).toBe(429);
    expect(await statusOf(token, ip)).toBe(200);
  });

  it("a known token whose cached entry ran out of time is looked up again for that IP, budget spent or not", async () => {
    tokenCache.setLive(true);
    const ip = freshIp();
    const token = realToken();
    expect(await statusOf(token, ip)).toBe(200);
    for (let i = 0; i <= ANONYMOUS_LIMIT; i++) await statusOf(forged(), ip);
    expect(await statusOf(forged(), ip)).toBe(429);
    // The entry's time is up (the cache's TTL): the next request must ask the database again.
    const lookups = db.lookups;
    const expired = vi.spyOn(tokenCache, "get").mockReturnValue(undefined);
    try {
      expect(await statusOf(token, ip)).toBe(200);
    } finally {
      expired.mockRestore();
    }
    expect(db.lookups).toBe(lookups + 1);
  });

  it("successful authentications do not spend the failed-auth budget", async () => {
    tokenCache.setLive(false);
    const ip = freshIp();
    const token = realToken();
    for (let i = 0; i < ANONYMOUS_LIMIT + 10; i++) expect(await statusOf(token, ip)).toBe(200);
    expect(await statusOf(forged(), ip)).toBe(401);
  });

  it("the same forged token is looked up once while the negative cache remembers it", async () => {
    tokenCache.setLive(true);
    const token = forged();
    const before = db.lookups;
    for (let i = 0; i < 5; i++) await statusOf(token, freshIp());
    expect(db.lookups).toBe(before + 1);
  });
});
