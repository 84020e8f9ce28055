import { describe, expect, it } from "vitest";
import { safeToStop } from "@/lib/tokens/rotation";
import type { ApiToken } from "@/lib/tokens/api-token";
import { lifetimeHeaders, secretInForce } from "./token-lifetime";

const reset = Date.UTC(2026, 10, 29, 10, 30, 15, 400);
const end = reset + 3_600_000;
const token = (overrides: Partial<ApiToken> = {}): ApiToken => ({
  ...{ id: "t", accountId: "a", type: "activity", status: "active", rateLimit: 600, exposedAttributes: [], linkingAttribute: null, ipAllowList: [] },
  ...{ expiresAt: null, secretHash: "new", oldSecretHash: "old", oldSecretDeprecatedAt: new Date(reset), oldSecretEndsAt: new Date(end), suspiciousAt: null, pausedAt: null },
  ...{ scopes: ["users:read", "groups:read", "forms:read", "activity:read"], purpose: null, dailyProfileLimit: null },
  ...overrides,
});

describe("secretInForce: which secret a hash is, by the clock", () => {
  it("the old secret works until 1 ms before the window's end, not at it or after", () => {
    expect(secretInForce(token(), "old", end - 1)).toBe("old");
    expect(secretInForce(token(), "old", end)).toBeNull();
    expect(secretInForce(token(), "old", end + 1)).toBeNull();
    expect(secretInForce(token(), "new", end + 1)).toBe("current");
  });

  it("after a second reset the first old hash is neither secret: refused whatever the clock", () => {
    const second = token({ secretHash: "newest", oldSecretHash: "new" });
    expect(secretInForce(second, "old", reset)).toBeNull();
    expect(secretInForce(second, "new", reset)).toBe("old");
    expect(secretInForce(second, "newest", reset)).toBe("current");
  });

  it("an expiry at midnight UTC: 1 ms before works, midnight is refused, for both secrets", () => {
    const midnight = Date.UTC(2026, 11, 1);
    const expiring = token({ expiresAt: new Date(midnight), oldSecretEndsAt: new Date(midnight + 3_600_000) });
    expect(secretInForce(expiring, "new", midnight - 1)).toBe("current");
    expect(secretInForce(expiring, "old", midnight - 1)).toBe("old");
    expect(secretInForce(expiring, "new", midnight)).toBeNull();
    expect(secretInForce(expiring, "old", midnight)).toBeNull();
  });

  it("a revoked token, a missing hash and an old hash without a window open nothing", () => {
    expect(secretInForce(token({ status: "revoked" }), "new", reset)).toBeNull();
    expect(secretInForce(token(), null, reset)).toBeNull();
    expect(secretInForce(token({ oldSecretEndsAt: null }), "old", reset)).toBeNull();
  });

  it("a paused token opens nothing, neither secret, until resumed", () => {
    const paused = token({ pausedAt: new Date(reset) });
    expect(secretInForce(paused, "new", reset)).toBeNull();
    expect(secretInForce(paused, "old", reset)).toBeNull();
  });
});

describe("lifetimeHeaders", () => {
  it("gives the old secret Deprecation (the reset, Unix seconds) and Sunset (the end, HTTP-date); the new one neither", () => {
    expect(lifetimeHeaders(token(), "old")).toEqual({ Deprecation: `@${Math.floor(reset / 1000)}`, Sunset: "Sun, 29 Nov 2026 11:30:15 GMT" });
    expect(lifetimeHeaders(token(), "current")).toEqual({});
  });

  it("gives every response of an expiring token Hub-Token-Expires in ISO 8601 UTC", () => {
    const expiring = token({ expiresAt: new Date(Date.UTC(2026, 11, 1)) });
    expect(lifetimeHeaders(expiring, "current")).toEqual({ "Hub-Token-Expires": "2026-12-01T00:00:00.000Z" });
    expect(lifetimeHeaders(expiring, "old")).toMatchObject({ "Hub-Token-Expires": "2026-12-01T00:00:00.000Z" });
  });
});

describe("safeToStop", () => {
  it("holds when the old secret was never used, or last used an hour or more ago", () => {
    expect(safeToStop(null, reset)).toBe(true);
    expect(safeToStop(new Date(reset - 3_600_000), reset)).toBe(true);
    expect(safeToStop(new Date(reset - 3_600_000 + 1), reset)).toBe(false);
  });
});
