import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { profiles } from "@/db/tables";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, type CallOptions, type CallResult } from "@/test/api-server";
import { withApiServer } from "@/test/with-api-server";
import type { Actor } from "@/lib/changes/record-change";
import { accessLog } from "@/lib/governance/access-log";
import { listAccessLog } from "@/lib/governance/queries";
import { log } from "@/lib/log";

// POST /api/v1/profile/lookup: the GET's lookup with the value in a JSON body. Same answers,
// access-log rows and limits, over HTTP against the real handler and database.

withTestDatabase();
const server = withApiServer();

const JANE = "jane.remington@demo-retail.test";
let actor: Actor;

beforeAll(async () => {
  ({ actor } = await seedApiAccount());
  // Two people share an email address: the 409 must be the same both ways too.
  await getDb()
    .insert(profiles)
    .values([
      { accountId: actor.accountId, attributes: { email: "shared@post.test", first_name: "Ann" } },
      { accountId: actor.accountId, attributes: { email: "shared@post.test", first_name: "Bob" } },
    ]);
}, 120_000);

const profileToken = (description: string) =>
  issueToken(actor, { type: "profile_read", description, exposedAttributes: ["email", "first_name", "loyalty_tier"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] });
const get = (token: string, email: string) => call(server.port, `/api/v1/profile?email=${encodeURIComponent(email)}`, { token });
const post = (token: string, options: Omit<CallOptions, "token" | "method">, path = "/api/v1/profile/lookup") => call(server.port, path, { ...options, token, method: "POST" });

/** What must match between two answers: everything but the request's own id and the budget it left. */
function comparable(result: CallResult) {
  const { "request-id": _id, date: _date, ...headers } = result.headers;
  return { status: result.status, body: result.body, headers: { ...headers, ratelimit: headers.ratelimit?.replace(/r=\d+/, "r=…") } };
}

describe("POST /api/v1/profile/lookup", () => {
  it("answers exactly as the GET: found, not found, ambiguous", async () => {
    const { token } = await profileToken("POST like GET");
    for (const email of [JANE, "nobody@post.test", "shared@post.test"]) {
      const viaGet = await get(token, email);
      const viaPost = await post(token, { body: { email } });
      expect(comparable(viaPost), email).toEqual(comparable(viaGet));
    }
    const jane = await post(token, { body: { email: JANE } });
    expect(jane).toMatchObject({ status: 200, body: { data: { email: JANE, first_name: "Jane", loyalty_tier: "Gold" } } });
    expect(jane.headers["ratelimit-policy"]).toBe('"default";q=600;w=60');
  });

  it("records each lookup in the access log like the GET", async () => {
    const { id, token } = await profileToken("POST access log");
    await post(token, { body: { email: JANE } });
    await post(token, { body: { email: "nobody@post.test" } });
    await accessLog.flush();
    const rows = await listAccessLog(actor.accountId, id, {}, null, 10);
    expect(rows.map((r) => [r.outcome, r.linkingAttribute, r.attributes])).toEqual([
      ["not_found", "email", []],
      ["found", "email", ["email", "first_name", "loyalty_tier"]],
    ]);
  });

  it("spends the token's one budget, shared with the GET", async () => {
    const { token } = await profileToken("POST budget");
    const remaining = (r: CallResult) => Number(/r=(\d+)/.exec(r.headers.ratelimit!)![1]);
    const first = remaining(await get(token, JANE));
    expect(remaining(await post(token, { body: { email: JANE } }))).toBe(first - 1);
    expect(remaining(await get(token, JANE))).toBe(first - 2);
  });

  const secret = "private.person@post.test";
  it.each<[string, Omit<CallOptions, "token" | "method">, RegExp]>([
    ["not JSON", { rawBody: `email=${secret}` }, /not valid JSON/],
    ["not sent as JSON", { rawBody: JSON.stringify({ email: secret }), headers: { "Content-Type": "text/plain" } }, /application\/json/],
    ["an array", { body: [secret] }, /JSON object with one field, "email"/],
    ["a string", { body: secret }, /JSON object with one field, "email"/],
    ["null", { body: null }, /JSON object with one field, "email"/],
    ["no field", { body: {} }, /names no attribute: send \{"email": "…"\}/],
    ["two fields", { body: { email: secret, customer_id: "C-00001" } }, /one field only, "email"/],
    ["another attribute", { body: { customer_id: secret } }, /looks profiles up by "email" only/],
    ["a number", { body: { email: 42 } }, /"email" must be a string/],
    ["null for the value", { body: { email: null } }, /"email" must be a string/],
    ["an object for the value", { body: { email: { is: secret } } }, /"email" must be a string/],
    ["an empty value", { body: { email: "" } }, /"email" must not be empty/],
    ["a control character", { body: { email: `${secret}\u0000` } }, /control characters/],
  ])("refuses %s with 400 invalid_request, never repeating the value, and records nothing", async (_case, options, message) => {
    const { id, token } = await profileToken(`bad body ${_case}`);
    const result = await post(token, options);
    expect(result.status).toBe(400);
    expect(result.body.error).toEqual({ code: "invalid_request", message: expect.stringMatching(message) });
    expect(JSON.stringify(result.sent)).not.toContain("private.person");
    // The token was checked first, as for every bad input: its budget is in the answer.
    expect(result.headers.ratelimit).toMatch(/^"default";r=\d+;t=\d+$/);
    await accessLog.flush();
    expect(await listAccessLog(actor.accountId, id, {}, null, 10)).toEqual([]);
  });

  it("refuses a query string: the value belongs in the body", async () => {
    const { id, token } = await profileToken("POST with a query");
    const result = await post(token, { body: { email: JANE } }, `/api/v1/profile/lookup?email=${encodeURIComponent(JANE)}`);
    expect(result).toMatchObject({ status: 400, body: { error: { code: "invalid_request", message: expect.stringContaining("no query parameters") } } });
    await accessLog.flush();
    expect(await listAccessLog(actor.accountId, id, {}, null, 10)).toEqual([]);
  });

  it("refuses what the GET refuses before the body: a missing token, an Activity token", async () => {
    expect((await call(server.port, "/api/v1/profile/lookup", { method: "POST", body: { email: JANE } })).status).toBe(401);
    const activity = await issueToken(actor, { type: "activity", description: "not a profile token", exposedAttributes: [], linkingAttribute: "", ipAllowList: [] });
    expect((await post(activity.token, { body: { email: JANE } })).body.error?.code).toBe("wrong_token_type");
    const { token } = await profileToken("GET only on the lookup path");
    expect(await call(server.port, "/api/v1/profile/lookup", { token })).toMatchObject({ status: 405, headers: { allow: "POST" } });
  });

  it("never writes the value to a log line, answered or refused", async () => {
    const lines: unknown[] = [];
    const spies = (["info", "warn", "error"] as const).map((level) => vi.spyOn(log, level).mockImplementation((...args: unknown[]) => void lines.push(args)));
    try {
      const { token } = await profileToken("POST logging");
      await post(token, { body: { email: secret } });
      await post(token, { body: { email: JANE } });
      await post(token, { body: { email: secret, extra: secret } });
      await post(token, { rawBody: `{"email": "${secret}"` });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(lines)).not.toMatch(/private\.person|jane\.remington/);
    expect(JSON.stringify(lines)).toContain("/api/v1/profile/lookup");
  });
});
