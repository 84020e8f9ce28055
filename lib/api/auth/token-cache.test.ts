import { describe, expect, it } from "vitest";
import { TokenCache } from "./token-cache";
import type { ApiToken } from "@/lib/tokens/api-token";

const token = (id: string): ApiToken => ({
  id,
  accountId: "a",
  type: "activity",
  status: "active",
  rateLimit: 600,
  exposedAttributes: [],
  linkingAttribute: null,
  ipAllowList: [],
  expiresAt: null,
  secretHash: `hash-of-${id}`,
  oldSecretHash: null,
  oldSecretDeprecatedAt: null,
  oldSecretEndsAt: null,
  suspiciousAt: null,
  pausedAt: null,
  scopes: ["users:read", "groups:read", "forms:read", "activity:read"],
  purpose: null,
  dailyProfileLimit: null,
});

describe("TokenCache", () => {
  it("serves nothing until the invalidation listener is live", () => {
    const cache = new TokenCache();
    cache.set("h1", token("t1"), cache.stamp());
    expect(cache.get("h1")).toBeUndefined();
    cache.setLive(true);
    cache.set("h1", token("t1"), cache.stamp());
    expect(cache.get("h1")).toEqual(token("t1"));
    cache.setLive(false);
    expect(cache.get("h1")).toBeUndefined();
  });

  it("drops a token when it is invalidated, and refuses a lookup that raced the invalidation", () => {
    const cache = new TokenCache();
    cache.setLive(true);
    cache.set("h1", token("t1"), cache.stamp());
    const stamp = cache.stamp();
    cache.invalidate("t1");
    expect(cache.get("h1")).toBeUndefined();
    cache.set("h1", token("t1"), stamp);
    expect(cache.get("h1")).toBeUndefined();
  });

  it("asks again about an entry past its time, yet knows it was valid until something invalidates it", () => {
    let now = 0;
    const cache = new TokenCache(() => now, 60_000);
    cache.setLive(true);
    cache.set("h1", token("t1"), cache.stamp());
    now = 60_001;
    expect(cache.get("h1")).toBeUndefined();
    expect(cache.wasValid("h1")).toBe(true);
    expect(cache.wasValid("never-seen")).toBe(false);
    cache.invalidate("t1");
    expect(cache.wasValid("h1")).toBe(false);
  });

  it("remembers unknown hashes only briefly", () => {
    let now = 0;
    const cache = new TokenCache(() => now);
    cache.setLive(true);
    cache.set("unknown", null, cache.stamp());
    expect(cache.get("unknown")).toBeNull();
    now = 5_001;
    expect(cache.get("unknown")).toBeUndefined();
  });

  it("caches nothing with a TTL of 0", () => {
    const cache = new TokenCache(Date.now, 0);
    cache.setLive(true);
    cache.set("h1", token("t1"), cache.stamp());
    expect(cache.get("h1")).toBeUndefined();
  });

  it("stays bounded", () => {
    const cache = new TokenCache();
    cache.setLive(true);
    for (let i = 0; i < 25_000; i++) cache.set(`h${i}`, null, cache.stamp());
    expect(cache.size).toBeLessThanOrEqual(20_000);
  });
});

describe("TokenCache's negative entries", () => {
  it("never push known tokens out: a flood of unknown hashes leaves the known ones cached", () => {
    const cache = new TokenCache();
    cache.setLive(true);
    cache.set("known", token("t1"), cache.stamp());
    for (let i = 0; i < 50_000; i++) cache.set(`forged${i}`, null, cache.stamp());
    expect(cache.get("known")).toEqual(token("t1"));
    expect(cache.get("forged49999")).toBeNull();
  });

  it("are all forgotten on any token notification, so a token created since is never refused", () => {
    const cache = new TokenCache();
    cache.setLive(true);
    cache.set("new-token-hash", null, cache.stamp());
    cache.set("known", token("t1"), cache.stamp());
    cache.invalidate("some-other-token");
    expect(cache.get("new-token-hash")).toBeUndefined();
    expect(cache.get("known")).toEqual(token("t1"));
  });
});

describe("TokenCache invalidation by id and hash", () => {
  it("drops every hash cached for a token: the old one after a reset as well as the new one", () => {
    const cache = new TokenCache();
    cache.setLive(true);
    // The old secret was cached; the new one was looked up before the reset's notification came.
    cache.set("old-hash", token("t1"), cache.stamp());
    cache.set("new-hash", token("t1"), cache.stamp());
    cache.invalidate("t1");
    expect(cache.get("old-hash")).toBeUndefined();
    expect(cache.get("new-hash")).toBeUndefined();
  });
});

describe("TokenCache during an overlap", () => {
  it("holds one entry per token, reachable by both hashes, and drops it under both", () => {
    const cache = new TokenCache();
    cache.setLive(true);
    const overlapping = { ...token("t9"), secretHash: "new", oldSecretHash: "old" };
    cache.set("old", overlapping, cache.stamp());
    expect(cache.get("new")).toBe(cache.get("old"));
    expect(cache.size).toBe(1);
    cache.invalidate("t9");
    expect(cache.get("new")).toBeUndefined();
    expect(cache.get("old")).toBeUndefined();
  });
});
