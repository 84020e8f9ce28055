import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer } from "@/test/api-server";
import { startTokenInvalidation } from "./token-invalidation";

withTestDatabase();

let server: Awaited<ReturnType<typeof startApiServer>>;
let activity: string;
let profile: string;

beforeAll(async () => {
  const { actor } = await seedApiAccount();
  await startTokenInvalidation();
  server = await startApiServer();
  activity = (await issueToken(actor, { type: "activity", description: "fuzz" })).token;
  profile = (await issueToken(actor, { type: "profile_read", description: "fuzz", exposedAttributes: ["email"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] })).token;
}, 120_000);
afterAll(() => server?.close());

// The per-token limit is 600 a minute: keep each property well under it.
describe("API inputs under fuzzing: never a 5xx", () => {
  it("any Authorization header", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (value) => {
        const headers: Record<string, string> = /^[\t\x20-\x7e]*$/.test(value) ? { Authorization: value } : {};
        const result = await call(server.port, "/api/v1/users", { headers });
        expect([200, 401, 429]).toContain(result.status);
      }),
      { numRuns: 150 },
    );
  });

  it("any activity query body", async () => {
    const body = fc.oneof(
      fc.anything(),
      fc.record({
        metric: fc.constantFrom("cases_closed", "messages_sent", "average_response_seconds", "x"),
        from: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.string()),
        to: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.string()),
        group_by: fc.constantFrom("user", "group", "day", "x"),
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const result = await call(server.port, "/api/v1/activity/query", { method: "POST", token: activity, rawBody: JSON.stringify(b) ?? "null" });
        expect([200, 400]).toContain(result.status);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it("any profile query string", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom("email", "customer_id", "x", ""), fc.string({ maxLength: 30 })), async (params) => {
        const result = await call(server.port, `/api/v1/profile?${new URLSearchParams(params)}`, { token: profile });
        expect([200, 400, 404]).toContain(result.status);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
