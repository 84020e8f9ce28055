import { describe, expect, it } from "vitest";
import { ReportCache } from "./cache";

// The cache around runReport, with a counting stand-in for the report and a hand-moved clock.
const ACCOUNT = "0b9ad6f0-5b7e-4d6e-9a51-0c0d9d2f4a11";
const OTHER = "1c9ad6f0-5b7e-4d6e-9a51-0c0d9d2f4a12";
const NOW = Date.parse("2026-12-07T12:00:00Z");

function setUp(ttlMs = 30_000) {
  let now = NOW;
  const calls: Array<{ accountId: string; body: unknown }> = [];
  let answer: () => Promise<{ ok: true; body: unknown } | { ok: false; message: string }> = async () => ({ ok: true, body: { n: calls.length } });
  const cache = new ReportCache(
    ttlMs,
    (accountId, body) => {
      calls.push({ accountId, body });
      return answer();
    },
    () => now,
  );
  return { cache, calls, advance: (ms: number) => (now += ms), answerWith: (f: typeof answer) => (answer = f) };
}

const body = (extra: Record<string, unknown> = {}) => ({ type: "summary", date_from: "2026-11-01T00:00:00Z", date_to: "2026-12-01T00:00:00Z", ...extra });

describe("Activity report cache", () => {
  it("answers the same account's same request from the first computation until the TTL ends", async () => {
    const { cache, calls, advance } = setUp();
    const first = await cache.report(ACCOUNT, body());
    advance(29_000);
    expect(await cache.report(ACCOUNT, body())).toEqual(first);
    expect(calls).toHaveLength(1);
    advance(2_000);
    expect(await cache.report(ACCOUNT, body())).toEqual({ ok: true, body: { n: 2 } });
    expect(calls).toHaveLength(2);
  });

  it("keys by account, type, instants and their offsets, ids and form", async () => {
    const { cache, calls } = setUp();
    await cache.report(ACCOUNT, body());
    await cache.report(OTHER, body());
    await cache.report(ACCOUNT, body({ type: "states" }));
    await cache.report(ACCOUNT, body({ date_to: "2026-12-01T00:00:00+11:00" }));
    await cache.report(ACCOUNT, body({ date_from: "2026-11-01T11:00:00+11:00" })); // same instant, another offset
    await cache.report(ACCOUNT, body({ users: [ACCOUNT] }));
    expect(calls).toHaveLength(6);
    // The same request spelled differently (a date without time is midnight UTC; null ids are none).
    await cache.report(ACCOUNT, { ...body(), users: null });
    expect(calls).toHaveLength(6);
  });

  it("keys a range that runs past now as until now, and still computes it afresh after the TTL", async () => {
    const { cache, calls, advance } = setUp();
    await cache.report(ACCOUNT, body({ date_to: "2027-01-01T00:00:00Z" }));
    await cache.report(ACCOUNT, body({ date_to: "2027-01-02T00:00:00Z" }));
    expect(calls).toHaveLength(1);
    advance(30_001);
    await cache.report(ACCOUNT, body({ date_to: "2027-01-01T00:00:00Z" }));
    expect(calls).toHaveLength(2);
  });

  it("shares one computation among concurrent identical requests", async () => {
    const { cache, calls } = setUp();
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.report(ACCOUNT, body())));
    expect(calls).toHaveLength(1);
    expect(new Set(results).size).toBe(1);
  });

  it("keeps no refusal and no failure, and computes nothing for a body that does not parse", async () => {
    const { cache, calls, answerWith } = setUp();
    answerWith(async () => ({ ok: false, message: "users holds an id that is not one of this account's team members (see GET /api/v1/users)" }));
    await cache.report(ACCOUNT, body());
    answerWith(async () => {
      throw new Error("connection refused");
    });
    await expect(cache.report(ACCOUNT, body())).rejects.toThrow("connection refused");
    answerWith(async () => ({ ok: true, body: "fresh" }));
    expect(await cache.report(ACCOUNT, body())).toEqual({ ok: true, body: "fresh" });
    expect(calls).toHaveLength(3);
    expect(await cache.report(ACCOUNT, { type: "nope" })).toMatchObject({ ok: false });
    expect(calls).toHaveLength(3);
  });

  it("with a TTL of 0 computes every request", async () => {
    const { cache, calls } = setUp(0);
    await cache.report(ACCOUNT, body());
    await cache.report(ACCOUNT, body());
    expect(calls).toHaveLength(2);
  });
});
