import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer } from "@/test/api-server";
import { startTokenInvalidation } from "./invalidation/token-invalidation";

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

/**
 * Any text: every code point (NUL, C1 controls, astral planes) and, mixed in, what a fuzzer
 * rarely hits by chance: lone surrogates, bidi and other format controls, and long strings.
 */
const nasty = fc.constantFrom("\u0000", "\u0007", "\u001f", "\u007f", "\u0085", "\ud800", "\udfff", "\u202e", "\u2066", "\u200f", "\ufeff", "\u{10ffff}");
const unit = fc.oneof({ weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: nasty });
const anyText = (maxLength: number) =>
  fc.oneof({ weight: 9, arbitrary: fc.string({ unit, maxLength }) }, { weight: 1, arbitrary: fc.string({ unit, minLength: 2_000, maxLength: 5_000 }) });

// The per-token limit is 600 a minute: keep each property well under it.
describe("API inputs under fuzzing: never a 5xx", () => {
  it("any Authorization header", async () => {
    await fc.assert(
      fc.asyncProperty(anyText(80), async (value) => {
        // The text's UTF-8 bytes, as an HTTP client can send them (latin1; no control bytes but tab).
        const bytes = Buffer.from(value, "utf8").toString("latin1").replace(/[\x00-\x08\x0a-\x1f\x7f]/g, "");
        const headers = { Authorization: value.length % 2 ? bytes : `Bearer ${bytes}` };
        const result = await call(server.port, "/api/v1/users", { headers });
        // 431: a long header is refused by Node's HTTP parser before the API sees it.
        expect([200, 401, 429, 431]).toContain(result.status);
      }),
      { numRuns: 150 },
    );
  });

  it("any activity query body", async () => {
    const body = fc.oneof(
      fc.anything({ key: anyText(10), values: [anyText(30), fc.double(), fc.boolean(), fc.constant(null)] }),
      fc.record({
        metric: fc.constantFrom("cases_closed", "messages_sent", "average_response_seconds", "x"),
        from: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), anyText(30)),
        to: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), anyText(30)),
        group_by: fc.constantFrom("user", "group", "day", "x"),
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const result = await call(server.port, "/api/v1/activity/query", { method: "POST", token: activity, rawBody: JSON.stringify(b) ?? "null" });
        expect([200, 400, 413]).toContain(result.status);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it("any profile query string", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.oneof(fc.constantFrom("email", "customer_id", "x", ""), anyText(10)), anyText(30)), async (params) => {
        const path = `/api/v1/profile?${new URLSearchParams(params)}`;
        const result = await call(server.port, path, { token: profile }).catch((error: NodeJS.ErrnoException) => {
          // A request line longer than Node's header limit (16 KiB) is refused by its HTTP parser
          // before the API sees it: 431 on Node 20, a reset connection on Node 24.
          if (error.code === "ECONNRESET" && path.length > 16_384) return { status: 431 };
          throw error;
        });
        expect([200, 400, 404, 431]).toContain(result.status);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it("any profile lookup body", async () => {
    const body = fc.oneof(
      fc.anything({ key: anyText(10), values: [anyText(30), fc.double(), fc.boolean(), fc.constant(null)] }),
      fc.dictionary(fc.oneof(fc.constantFrom("email", "customer_id", "x", ""), anyText(10)), fc.oneof(anyText(30), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const result = await call(server.port, "/api/v1/profile/lookup", { method: "POST", token: profile, rawBody: JSON.stringify(b) ?? "null" });
        expect([200, 400, 404, 413]).toContain(result.status);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
