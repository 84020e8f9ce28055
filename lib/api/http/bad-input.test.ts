import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer } from "@/test/api-server";
import { startTokenInvalidation } from "../invalidation/token-invalidation";

const logged = vi.hoisted(() => [] as unknown[]);
vi.mock("@/lib/log", () => ({ log: { info: () => {}, warn: () => {}, error: (fields: unknown) => logged.push(fields) } }));

withTestDatabase();

let server: Awaited<ReturnType<typeof startApiServer>>;
let activity: string;
let profile: string;

beforeAll(async () => {
  const { actor } = await seedApiAccount();
  await startTokenInvalidation();
  server = await startApiServer();
  activity = (await issueToken(actor, { type: "activity", description: "bad input" })).token;
  profile = (await issueToken(actor, { type: "profile_read", description: "bad input", exposedAttributes: ["email"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] })).token;
}, 120_000);
afterAll(() => server?.close());

const rateLimited = (headers: Record<string, string>) => {
  expect(headers["ratelimit-policy"]).toBe('"default";q=600;w=60');
  expect(headers.ratelimit).toMatch(/^"default";r=\d+;t=\d+$/);
};
const query = { metric: "cases_closed", from: "2026-11-01", to: "2026-11-02", group_by: "day" };

describe("control characters in any input", () => {
  it.each(["%00", "a%00b", "%1F", "%7F", "%C2%85"])("GET /api/v1/profile?email=%s is a 400 naming the problem, and logs nothing", async (value) => {
    const result = await call(server.port, `/api/v1/profile?email=${value}`, { token: profile });
    expect(result.status).toBe(400);
    expect(result.body.error).toEqual({ code: "invalid_request", message: expect.stringMatching(/control character/) });
    rateLimited(result.headers);
    expect(logged).toEqual([]);
  });

  it.each([
    ["a NUL in a value", { ...query, from: "2026-11-01\u0000" }],
    ["a NUL in a key", { ...query, "x\u0000": 1 }],
    ["a lone surrogate", { ...query, metric: "cases\ud800" }],
    ["a nested control character", { ...query, extra: [{ deep: "\u0007" }] }],
  ])("POST /api/v1/activity/query with %s is a 400", async (_name, body) => {
    const result = await call(server.port, "/api/v1/activity/query", { method: "POST", token: activity, rawBody: JSON.stringify(body) });
    expect(result.status).toBe(400);
    expect(result.body.error).toEqual({ code: "invalid_request", message: expect.stringMatching(/control character|surrogate/) });
  });
});

describe("bodies nested too deep", () => {
  it("POST /api/v1/activity/query nested past 64 levels is a 400 saying so, even with a control character far below", async () => {
    const deep = { ...query, extra: JSON.parse("[".repeat(1_100) + JSON.stringify("\u0007") + "]".repeat(1_100)) as unknown };
    const result = await call(server.port, "/api/v1/activity/query", { method: "POST", token: activity, rawBody: JSON.stringify(deep) });
    expect(result.status).toBe(400);
    expect(result.body.error).toEqual({ code: "invalid_request", message: "The request body nests arrays and objects deeper than 64 levels." });
  });
});

describe("bodies over 16 KiB", () => {
  it("answers 413 payload_too_large with the error format and the token's rate-limit fields, then closes", async () => {
    const big = JSON.stringify({ ...query, padding: "x".repeat(20 * 1024) });
    const result = await call(server.port, "/api/v1/activity/query", { method: "POST", token: activity, rawBody: big });
    expect(result.status).toBe(413);
    expect(result.body.error).toEqual({ code: "payload_too_large", message: expect.stringMatching(/16384 bytes/) });
    expect(result.headers.connection).toBe("close");
    rateLimited(result.headers);
  });

  it("answers 413 from a declared length alone, before any of the body arrives", async () => {
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port: server.port, path: "/api/v1/activity/query", method: "POST", headers: { Authorization: `Bearer ${activity}`, "Content-Type": "application/json", "Content-Length": "1000000" } },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).error.code).toBe("payload_too_large");
  });
});

describe("rate-limit fields whenever a token was identified", () => {
  it("on 400 (bad body), 404 (no profile), 404 (no endpoint) and 405", async () => {
    const results = [
      await call(server.port, "/api/v1/activity/query", { method: "POST", token: activity, rawBody: "{nope" }),
      await call(server.port, "/api/v1/profile?email=nobody%40example.com", { token: profile }),
      await call(server.port, "/api/v1/nope", { token: activity }),
      await call(server.port, "/api/v1/users", { method: "DELETE", token: activity }),
    ];
    expect(results.map((r) => r.status)).toEqual([400, 404, 404, 405]);
    for (const result of results) rateLimited(result.headers);
  });
});
