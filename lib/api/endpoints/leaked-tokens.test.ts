import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { apiTokens, tokenEvents } from "@/db/tables";
import { clock } from "@/lib/clock";
import { resetToken, revokeToken } from "@/lib/tokens/actions";
import { getTokenAllowance, getToken, listTokens } from "@/lib/tokens/queries";
import { displayStatus } from "@/lib/tokens/expiry";
import { generateToken } from "@/lib/tokens/secret";
import { call } from "@/test/api-server";
import { parseClientIp } from "@/lib/net/ip";
import { routeApiRequest } from "../http/routes";
import { REVOKE_REPORTS_PER_MINUTE } from "./leak-reports";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { withSignedInAdmin, within1s } from "@/test/signed-in-admin";

// POST /api/v1/tokens/revoke on the real HTTP handler and database: anyone who finds a token
// ends it, and the answer never says whether it existed.

withTestDatabase();

const admin = withSignedInAdmin("leak");
const { server, forms, issued } = admin;
afterEach(() => {
  clock.now = () => Date.now();
});

/** Each test reports from its own loopback address: the per-IP bound is not shared. */
const someIp = () => `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
const report = (body: unknown, from = someIp()) => call(server.port, "/api/v1/tokens/revoke", { method: "POST", body, from });
const refusedWithin1s = (token: string) => within1s(async () => expect((await forms(token)).status, "still accepted 1 s after the report").toBe(401));

describe("POST /api/v1/tokens/revoke", () => {
  it("revokes a reported token at once: 401 on its next call, Compromised in the list, History says who", async () => {
    const { tokenId, token } = await issued();
    expect((await forms(token)).status).toBe(200);
    const answer = await report({ tokens: [token] }, "127.0.0.9");
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ data: { received: 1 } });
    expect(answer.headers["ratelimit-policy"]).toBe('"default";q=30;w=60');
    await refusedWithin1s(token);

    const details = await getToken(admin.account.accountId, tokenId);
    expect(details).toMatchObject({ status: "revoked", exposedSource: "Public report", exposedUrl: null });
    expect(displayStatus(details!.status, details!.expiresAt, Date.now(), details!.exposedAt)).toBe("compromised");
    const [row] = await getDb().select({ reason: apiTokens.revokedReason }).from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(row!.reason).toBe("reported as leaked");
    const listed = (await listTokens(admin.account.accountId)).rows.find((r) => r.id === tokenId)!;
    expect(displayStatus(listed.status, listed.expiresAt, Date.now(), listed.exposedAt)).toBe("compromised");

    const events = await getDb().select().from(tokenEvents).where(eq(tokenEvents.tokenId, tokenId)).orderBy(tokenEvents.id);
    expect(events.at(-1)).toMatchObject({ action: "exposed", actorId: null, actorName: "Public report", ip: "127.0.0.9" });
    expect(JSON.stringify(events)).not.toContain(token);
    // A compromised token frees its slot, as a revoked one does.
    expect((await getTokenAllowance(admin.account.accountId)).active).toBe(0);
  });

  it("answers the same 202 for unknown, malformed, mistyped and already revoked tokens, and changes nothing", async () => {
    const { tokenId, token } = await issued();
    const { tokenId: revokedId, token: revoked } = await issued();
    expect((await revokeToken(revokedId)).ok).toBe(true);
    const before = await getToken(admin.account.accountId, revokedId);
    const tokens = [generateToken("activity").token, "hub_act_not-a-token", "", token.slice(0, -1) + (token.endsWith("a") ? "b" : "a"), revoked];
    const answer = await report({ tokens });
    expect(answer).toMatchObject({ status: 202, body: { data: { received: 5 } } });
    expect((await forms(token)).status).toBe(200);
    expect((await getToken(admin.account.accountId, tokenId))!.status).toBe("active");
    // Already revoked: still plain Revoked, no second History row.
    expect(await getToken(admin.account.accountId, revokedId)).toEqual(before);
    expect((await report({ tokens: [] })).body).toEqual({ data: { received: 0 } });
  });

  it("revokes every valid token of a batch, across accounts, whatever else the batch holds", async () => {
    const mine = await issued();
    const other = await createTestAccount();
    signInAs(other.admin);
    const theirs = await issued();
    const answer = await report({ tokens: [mine.token, "junk", theirs.token, mine.token] });
    expect(answer.body).toEqual({ data: { received: 4 } });
    await refusedWithin1s(mine.token);
    await refusedWithin1s(theirs.token);
    expect((await getToken(other.accountId, theirs.tokenId))!.exposedSource).toBe("Public report");
    const events = await getDb().select().from(tokenEvents).where(eq(tokenEvents.tokenId, mine.tokenId));
    expect(events.filter((e) => e.action === "exposed")).toHaveLength(1);
  });

  it("ends the whole token when a reset's old secret leaks during its overlap", async () => {
    const { tokenId, token: old } = await issued();
    const reset = await resetToken(tokenId, { keepOldFor: "1h" });
    if (!reset.ok) throw new Error("reset failed");
    expect((await forms(old)).status).toBe(200);
    expect((await report({ tokens: [old] })).status).toBe(202);
    await refusedWithin1s(old);
    await refusedWithin1s(reset.data.token);
    const [event] = await getDb().select().from(tokenEvents).where(eq(tokenEvents.tokenId, tokenId)).orderBy(tokenEvents.id).then((e) => e.slice(-1));
    expect(event!.changes).toContainEqual({ field: "Leaked secret", from: "", to: "Old token" });
    expect(event!.changes).toContainEqual(expect.objectContaining({ field: "Old token", to: "Stopped" }));
  });

  it("does not end a token for an old secret whose overlap is over", async () => {
    const { tokenId, token: old } = await issued();
    const reset = await resetToken(tokenId, { keepOldFor: "1h" });
    if (!reset.ok) throw new Error("reset failed");
    const later = Date.now() + 2 * 3_600_000;
    clock.now = () => later;
    await report({ tokens: [old] });
    expect((await getToken(admin.account.accountId, tokenId))!.status).toBe("active");
  });

  it("refuses a malformed body with a clear 400 and writes nothing", async () => {
    const { tokenId, token } = await issued();
    const cases: Array<[unknown, RegExp]> = [
      [{ tokens: Array.from({ length: 101 }, () => token) }, /at most 100 tokens/],
      [{ tokens: token }, /tokens must be an array of strings/],
      [{}, /tokens must be an array of strings/],
      [[token], /expected object/i],
      [{ tokens: [42] }, /./],
      [{ tokens: ["x".repeat(300)] }, /at most 256 characters/],
    ];
    for (const [body, message] of cases) {
      const answer = await report(body);
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(answer.body.error!.code).toBe("invalid_request");
      expect(answer.body.error!.message).toMatch(message);
      expect(JSON.stringify(answer.body)).not.toContain(token);
    }
    const notJson = await call(server.port, "/api/v1/tokens/revoke", { method: "POST", rawBody: `{"tokens":["${token}"`, from: someIp() });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error!.message).toBe("The request body is not valid JSON");
    expect((await getToken(admin.account.accountId, tokenId))!.status).toBe("active");
    expect((await call(server.port, "/api/v1/tokens/revoke", { from: someIp() })).status).toBe(405);
  });

  it("bounds reports per client IP: the 31st in a minute is 429 with Retry-After", async () => {
    const ip = someIp();
    for (let i = 0; i < 30; i++) expect((await report({ tokens: [] }, ip)).status).toBe(202);
    const refused = await report({ tokens: [] }, ip);
    expect(refused.status).toBe(429);
    expect(refused.body.error!.code).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await report({ tokens: [] })).status).toBe(202);
  });

  it("bounds reports per IPv6 /64, not per address: a fresh address in it is no fresh budget", async () => {
    const hex = () => Math.floor(Math.random() * 0xffff).toString(16);
    const prefix = `2001:db8:${hex()}:${hex()}`;
    const fromV6 = (ip: string) =>
      routeApiRequest({
        method: "POST",
        path: "/api/v1/tokens/revoke",
        query: new URLSearchParams(),
        header: () => undefined,
        clientIp: ip,
        clientAddress: parseClientIp(ip),
        requestId: "test-request",
        readJson: async () => ({ tokens: [] }),
        readRaw: async () => Buffer.alloc(0),
      });
    for (let i = 0; i < REVOKE_REPORTS_PER_MINUTE; i++) expect((await fromV6(`${prefix}:${i.toString(16)}::1`)).status).toBe(202);
    expect((await fromV6(`${prefix}:ffff::1`)).status).toBe(429);
    expect((await fromV6(`2001:db8:${hex()}:${hex()}::1`)).status).toBe(202);
  });
});
