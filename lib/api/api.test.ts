import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { apiTokens, tokenUsageDaily } from "@/db/tables";
import { withTestDatabase } from "@/test/database";
import type { Actor } from "@/lib/changes/record-change";
import { applyTokenEdit } from "@/lib/tokens/write/create-and-edit";
import { markTokenRevoked, rotateTokenSecret } from "@/lib/tokens/write/lifecycle";
import { generateToken, hashToken } from "@/lib/tokens/secret";
import { ALL_ACTIVITY_SCOPES } from "@/lib/tokens/scopes";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { openApiDocument } from "./reference/openapi";
import { call, startApiServer, type CallResult } from "@/test/api-server";
import { startTokenInvalidation } from "./invalidation/token-invalidation";
import { usage, UsageRecorder } from "./auth/usage";

withTestDatabase();

let server: Awaited<ReturnType<typeof startApiServer>>;
let actor: Actor;
let activity: { id: string; token: string };
let profile: { id: string; token: string };

beforeAll(async () => {
  ({ actor } = await seedApiAccount());
  await startTokenInvalidation();
  // "::" listens on IPv6 and IPv4 alike, so both families can be tested.
  server = await startApiServer({ host: "::" });
  activity = await issueToken(actor, { type: "activity", description: "API test activity" });
  profile = await issueToken(actor, {
    type: "profile_read",
    description: "API test profile",
    exposedAttributes: ["email", "first_name", "loyalty_tier"],
    linkingAttribute: "email",
    ipAllowList: [{ value: "127.0.0.0/30" }, { value: "::1" }],
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

/** An Activity token's stored settings as an edit writes them, all four scopes. */
const activityEdit = { description: "", exposedAttributes: [], linkingAttribute: null, ipAllowList: [], rateLimit: 600, scopes: [...ALL_ACTIVITY_SCOPES], purpose: null, dailyProfileLimit: null };

const get = (path: string, options: Parameters<typeof call>[2] = {}) => call(server.port, path, options);

// Every response is checked against the OpenAPI document's schema for its path and status.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
function conforms(path: string, method: "get" | "post", result: CallResult) {
  const operation = (openApiDocument.paths as Record<string, Record<string, { responses: Record<string, { content?: { "application/json": { schema: object } } }> }>>)[path]![method]!;
  const described = operation.responses[String(result.status)];
  expect(described, `${method.toUpperCase()} ${path} ${result.status} is documented`).toBeDefined();
  const valid = ajv.validate(described!.content!["application/json"].schema, result.sent);
  expect(valid, JSON.stringify(ajv.errors)).toBe(true);
  expect(result.headers["ratelimit-policy"]).toMatch(/^"default";q=\d+;w=60$/);
  expect(result.headers.ratelimit).toMatch(/^"default";r=\d+;t=\d+$/);
}

describe("Activity API", () => {
  it("lists users, groups and forms for the token's account", async () => {
    for (const path of ["/api/v1/users", "/api/v1/groups", "/api/v1/forms"]) {
      const result = await get(path, { token: activity.token });
      expect(result.status).toBe(200);
      expect((result.body.data as unknown[]).length).toBeGreaterThan(0);
      conforms(path, "get", result);
    }
    const users = await get("/api/v1/users", { token: activity.token, header: "auth-api-token" });
    expect(users.status).toBe(200);
    expect((users.body.data as Array<{ groups: unknown[] }>)[0]!.groups.length).toBeGreaterThan(0);
  });

  it.each([
    ["cases_closed", "user"],
    ["messages_sent", "group"],
    ["average_response_seconds", "day"],
  ])("answers %s by %s", async (metric, groupBy) => {
    const to = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10);
    const result = await get("/api/v1/activity/query", { method: "POST", token: activity.token, body: { metric, from, to, group_by: groupBy } });
    expect(result.status).toBe(200);
    conforms("/api/v1/activity/query", "post", result);
    const rows = result.body.data as Array<{ value: number | null }>;
    expect(rows.some((r) => (r.value ?? 0) > 0)).toBe(true);
    if (groupBy === "day") expect(rows).toHaveLength(14);
  });

  it.each([
    [{ metric: "revenue", from: "2026-01-01", to: "2026-01-02", group_by: "day" }, /metric must be one of/],
    [{ metric: "cases_closed", from: "2026-02-30", to: "2026-03-01", group_by: "day" }, /from is not a real date/],
    [{ metric: "cases_closed", from: "2026-03-02", to: "2026-03-01", group_by: "day" }, /from must not be after to/],
    [{ metric: "cases_closed", from: "2024-01-01", to: "2026-03-01", group_by: "day" }, /at most 366 days/],
    [{ metric: "cases_closed", from: "2026-01-01", to: "2026-01-02", group_by: "week" }, /group_by must be one of/],
    [{ metric: "cases_closed", from: "2026-01-01", to: "2026-01-02", group_by: "day", extra: 1 }, /Unrecognized key/i],
  ])("refuses a bad query with the reason: %j", async (body, reason) => {
    const result = await get("/api/v1/activity/query", { method: "POST", token: activity.token, body });
    expect(result.status).toBe(400);
    expect(result.body.error!.code).toBe("invalid_request");
    expect(result.body.error!.message).toMatch(reason);
    conforms("/api/v1/activity/query", "post", result);
  });

  it("refuses a body that is not JSON", async () => {
    const result = await get("/api/v1/activity/query", { method: "POST", token: activity.token, rawBody: "{nope" });
    expect(result).toMatchObject({ status: 400, body: { error: { code: "invalid_request", message: "The request body is not valid JSON" } } });
  });
});

describe("Profile Read API", () => {
  it("returns only the exposed attributes of the profile found by the linking attribute", async () => {
    const result = await get(`/api/v1/profile?email=${encodeURIComponent("jane.remington@demo-retail.test")}`, { token: profile.token });
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({ email: "jane.remington@demo-retail.test", first_name: "Jane", loyalty_tier: "Gold" });
    conforms("/api/v1/profile", "get", result);
  });

  it("404 when no profile matches, 400 naming the expected parameter otherwise", async () => {
    const missing = await get("/api/v1/profile?email=nobody%40example.com", { token: profile.token });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "profile_not_found" } } });
    conforms("/api/v1/profile", "get", missing);
    for (const query of ["customer_id=C-00001", "", "email=a%40b.c&customer_id=C-00001", "email="]) {
      const wrong = await get(`/api/v1/profile?${query}`, { token: profile.token });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toEqual({ code: "invalid_request", message: 'Look profiles up with the "email" parameter only, e.g. /api/v1/profile?email=…' });
      conforms("/api/v1/profile", "get", wrong);
    }
  });

  it("answers the POST lookup as documented: found, not found, a bad body", async () => {
    const lookup = (body: unknown) => get("/api/v1/profile/lookup", { method: "POST", token: profile.token, body });
    const found = await lookup({ email: "jane.remington@demo-retail.test" });
    expect(found.body.data).toEqual({ email: "jane.remington@demo-retail.test", first_name: "Jane", loyalty_tier: "Gold" });
    const missing = await lookup({ email: "nobody@example.com" });
    const bad = await lookup({ customer_id: "C-00001" });
    expect([found.status, missing.status, bad.status]).toEqual([200, 404, 400]);
    for (const result of [found, missing, bad]) conforms("/api/v1/profile/lookup", "post", result);
  });
});

describe("authentication", () => {
  it("answers every kind of bad token identically with 401", async () => {
    const revoked = await issueToken(actor, { type: "activity", description: "to revoke" });
    await markTokenRevoked(actor, revoked.id);
    const typo = activity.token.slice(0, 20) + (activity.token[20] === "A" ? "B" : "A") + activity.token.slice(21);
    const bodies = [];
    for (const options of [
      {},
      { headers: { Authorization: "Basic abc" } },
      { token: "hub_act_short" },
      { token: typo },
      { token: generateToken("activity").token },
      { token: revoked.token },
    ]) {
      const result = await get("/api/v1/users", options);
      expect(result.status).toBe(401);
      expect(result.headers["www-authenticate"]).toContain("Bearer");
      conforms("/api/v1/users", "get", result);
      bodies.push(result.body);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it("refuses a token of the other type with 403 wrong_token_type", async () => {
    const result = await get("/api/v1/users", { token: profile.token });
    expect(result).toMatchObject({ status: 403, body: { error: { code: "wrong_token_type" } } });
    conforms("/api/v1/users", "get", result);
    const other = await get("/api/v1/profile?email=x", { token: activity.token });
    expect(other).toMatchObject({ status: 403, body: { error: { code: "wrong_token_type" } } });
  });

  it("matches IPv4 ranges and IPv6 addresses from the socket, and misses outside them", async () => {
    const path = "/api/v1/profile?email=jane.remington%40demo-retail.test";
    expect((await get(path, { token: profile.token, from: "127.0.0.2" })).status).toBe(200);
    expect((await get(path, { token: profile.token, from: "127.0.0.3" })).status).toBe(200);
    const outside = await get(path, { token: profile.token, from: "127.0.0.4" });
    expect(outside).toMatchObject({ status: 403, body: { error: { code: "ip_not_allowed" } } });
    conforms("/api/v1/profile", "get", outside);
    expect((await get(path, { token: profile.token, host: "::1" })).status).toBe(200);
  });

  it("ignores a spoofed X-Forwarded-For without TRUST_PROXY, and honours it from a trusted proxy", async () => {
    const path = "/api/v1/profile?email=jane.remington%40demo-retail.test";
    const spoofed = await get(path, { token: profile.token, from: "127.0.0.9", headers: { "X-Forwarded-For": "127.0.0.1" } });
    expect(spoofed.body.error?.code).toBe("ip_not_allowed");

    const proxied = await startApiServer({ trustProxy: "127.0.0.9" });
    try {
      const viaProxy = await call(proxied.port, path, { token: profile.token, from: "127.0.0.9", headers: { "X-Forwarded-For": "198.51.100.1, 127.0.0.2" } });
      expect(viaProxy.status).toBe(200);
      const untrusted = await call(proxied.port, path, { token: profile.token, from: "127.0.0.8", headers: { "X-Forwarded-For": "127.0.0.2" } });
      expect(untrusted.body.error?.code).toBe("ip_not_allowed");
    } finally {
      await proxied.close();
    }
  });

  it("enforces the token's rate limit with 429, Retry-After and the IETF fields", async () => {
    const limited = await issueToken(actor, { type: "activity", description: "limited" });
    await applyTokenEdit(actor, limited.id, { ...activityEdit, description: "limited", rateLimit: 3 }, () => [
      { field: "Rate limit (requests per minute)", from: "600", to: "3" },
    ]);
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      const ok = await get("/api/v1/forms", { token: limited.token });
      expect(ok.status).toBe(200);
      expect(ok.headers["ratelimit-policy"]).toBe('"default";q=3;w=60');
      remaining.push(ok.headers.ratelimit);
    }
    expect(remaining.map((r) => /r=(\d+)/.exec(r ?? "")?.[1])).toEqual(["2", "1", "0"]);
    const refused = await get("/api/v1/forms", { token: limited.token });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: "rate_limited" } } });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    conforms("/api/v1/forms", "get", refused);
  });

  it("applies a revoke, a reset and an edit at once, even with the token cached", async () => {
    const token = await issueToken(actor, { type: "activity", description: "changes" });
    expect((await get("/api/v1/forms", { token: token.token })).status).toBe(200);
    await applyTokenEdit(actor, token.id, { ...activityEdit, description: "changes", ipAllowList: ["10.9.9.9"] }, () => [
      { field: "IP whitelist", from: "(none)", to: "10.9.9.9" },
    ]);
    // Each change reaches the cache by NOTIFY: within 1 s.
    const within1s = (assertion: () => Promise<void>) => vi.waitFor(assertion, { timeout: 1_000, interval: 20 });
    await within1s(async () => expect((await get("/api/v1/forms", { token: token.token })).status).toBe(403));

    const replacement = generateToken("activity");
    await rotateTokenSecret(actor, token.id, { secret: replacement, overlapMs: 0, overlapLabel: "No, stop it now", now: new Date() });
    await within1s(async () => expect((await get("/api/v1/forms", { token: token.token })).status).toBe(401));

    const fresh = await issueToken(actor, { type: "activity", description: "to revoke warm" });
    expect((await get("/api/v1/forms", { token: fresh.token })).status).toBe(200);
    await markTokenRevoked(actor, fresh.id);
    await within1s(async () => expect((await get("/api/v1/forms", { token: fresh.token })).status).toBe(401));
  });
});

describe("every endpoint, every refusal", () => {
  const endpoints = [
    { path: "/api/v1/users", method: "get" as const, type: "activity" as const },
    { path: "/api/v1/groups", method: "get" as const, type: "activity" as const },
    { path: "/api/v1/forms", method: "get" as const, type: "activity" as const },
    { path: "/api/v1/activity/query", method: "post" as const, type: "activity" as const },
    { path: "/api/v1/profile", method: "get" as const, type: "profile_read" as const },
  ];
  const body = { metric: "messages_sent", from: "2026-11-01", to: "2026-11-02", group_by: "group" };
  const query = (path: string) => (path === "/api/v1/profile" ? `${path}?email=jane.remington%40demo-retail.test` : path);

  it.each(endpoints)("$path answers 200, 401, 403 (type), 403 (IP) and 429 as documented", async ({ path, method, type }) => {
    const send = (token?: string) => get(query(path), { token, method: method.toUpperCase(), body: method === "post" ? body : undefined });
    const own = await issueToken(actor, {
      type,
      description: `matrix ${path}`,
      ...(type === "profile_read" ? { exposedAttributes: ["email"], linkingAttribute: "email" } : {}),
      ipAllowList: [{ value: "127.0.0.1" }],
    });
    await applyTokenEdit(actor, own.id, {
      description: `matrix ${path}`,
      exposedAttributes: type === "profile_read" ? ["email"] : [],
      linkingAttribute: type === "profile_read" ? "email" : null,
      ipAllowList: ["127.0.0.1"],
      rateLimit: 2,
      ...(type === "profile_read" ? { scopes: [], purpose: "personalisation", dailyProfileLimit: 10_000 } : { scopes: [...ALL_ACTIVITY_SCOPES], purpose: null, dailyProfileLimit: null }),
    }, () => [{ field: "Rate limit (requests per minute)", from: "600", to: "2" }]);
    const other = type === "activity" ? profile.token : activity.token;

    // In this order: the refused IP spends the token's second request, so the third is a 429.
    const results = {
      200: await send(own.token),
      ip: await get(query(path), { token: own.token, method: method.toUpperCase(), body: method === "post" ? body : undefined, from: "127.0.0.7" }),
      429: await send(own.token),
      401: await send(undefined),
      403: await send(other),
    };
    expect(results[200].status).toBe(200);
    expect(results[429].status).toBe(429);
    expect(results[401].status).toBe(401);
    expect(results[403].body.error?.code).toBe("wrong_token_type");
    expect(results.ip.body.error?.code).toBe("ip_not_allowed");
    for (const result of Object.values(results)) conforms(path, method, result);
  });
});

describe("routing", () => {
  it("404 for unknown paths, 405 with Allow for wrong methods, and the OpenAPI document", async () => {
    expect((await get("/api/v1/nope")).status).toBe(404);
    const wrong = await get("/api/v1/users", { method: "DELETE", token: activity.token });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe("GET");
    const live = await get("/api/v1/live");
    expect(live.body).toEqual({ ok: true, tokenCache: "live" });
    expect((await get("/api/v1/health")).status).toBe(404);
    const doc = await get("/api/v1/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
  });
});

describe("usage", () => {
  it("counts outcomes per token and day in batches, and records last use", async () => {
    const token = await issueToken(actor, { type: "activity", description: "usage", ipAllowList: [{ value: "127.0.0.0/31" }] });
    await get("/api/v1/forms", { token: token.token });
    await get("/api/v1/forms", { token: token.token });
    await get("/api/v1/forms", { token: token.token, from: "127.0.0.5" });
    await get("/api/v1/profile?email=x", { token: token.token });
    await usage.flush();
    const rows = await getDb()
      .select({ outcome: tokenUsageDaily.outcome, count: tokenUsageDaily.count })
      .from(tokenUsageDaily)
      .where(eq(tokenUsageDaily.tokenId, token.id));
    expect(Object.fromEntries(rows.map((r) => [r.outcome, r.count]))).toEqual({ allowed: 2, ip_refused: 1, wrong_type: 1 });
    const [row] = await getDb().select().from(apiTokens).where(and(eq(apiTokens.id, token.id)));
    expect(row!.lastUsedIp).toBe("127.0.0.1");
    expect(row!.lastUsedAt).not.toBeNull();
    expect(row!.secretHash).toBe(hashToken(token.token));
  });

  it("writes the last use of many tokens at once, never moving one backwards", async () => {
    const tokens = await Promise.all([1, 2, 3].map((i) => issueToken(actor, { type: "activity", description: `last use ${i}` })));
    const later = new Date(Date.now() + 60_000);
    // Another instance already recorded a later use of the third token.
    await getDb().update(apiTokens).set({ lastUsedAt: later, lastUsedIp: "10.0.0.9" }).where(eq(apiTokens.id, tokens[2]!.id));
    const recorder = new UsageRecorder();
    tokens.forEach((t, i) => recorder.record({ id: t.id, accountId: actor.accountId }, "allowed", `192.0.2.${i + 1}`));
    await recorder.flush();
    const rows = await getDb()
      .select({ id: apiTokens.id, ip: apiTokens.lastUsedIp, at: apiTokens.lastUsedAt })
      .from(apiTokens)
      .where(inArray(apiTokens.id, tokens.map((t) => t.id)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(tokens.map((t) => byId.get(t.id)!.ip)).toEqual(["192.0.2.1", "192.0.2.2", "10.0.0.9"]);
    expect(byId.get(tokens[2]!.id)!.at!.getTime()).toBe(later.getTime());
  });
});
