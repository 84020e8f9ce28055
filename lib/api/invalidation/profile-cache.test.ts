import { describe, expect, it, vi } from "vitest";
import { NOT_FOUND_TTL_MS, pairKey, ProfileCache, type CachedProfile } from "./profile-cache";
import { parseProfileChange } from "./profile-changes";
import { JsonText } from "../http/types";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const EXPOSED = ["first_name"];
const bytes = (text: string) => new JsonText(text);
const ALL = { personalisation: true, service: true, analytics: true };
const P = "personalisation";

function liveCache(ttlMs = 60_000) {
  const cache = new ProfileCache(ttlMs);
  cache.setLive(true);
  return cache;
}

describe("profile cache", () => {
  it("keys answers by account: the same value in two accounts is two entries", () => {
    const cache = liveCache();
    cache.setFound(A, "email", "same@x.test", EXPOSED, "1", bytes("A's"), ALL, cache.stamp());
    expect(cache.get(B, "email", "same@x.test", EXPOSED, P)).toBeUndefined();
    cache.setFound(B, "email", "same@x.test", EXPOSED, "2", bytes("B's"), ALL, cache.stamp());
    expect((cache.get(A, "email", "same@x.test", EXPOSED, P) as CachedProfile | undefined)?.body.text).toBe("A's");
    expect((cache.get(B, "email", "same@x.test", EXPOSED, P) as CachedProfile | undefined)?.body.text).toBe("B's");
    // A change in B forgets B's only.
    cache.invalidate({ scope: "profile", accountId: B, profileId: "2", pairs: [] });
    expect(cache.get(B, "email", "same@x.test", EXPOSED, P)).toBeUndefined();
    expect((cache.get(A, "email", "same@x.test", EXPOSED, P) as CachedProfile | undefined)?.body.text).toBe("A's");
  });

  it("keys answers by exposure set: another token's attributes are never served", () => {
    const cache = liveCache();
    cache.setFound(A, "email", "v", ["first_name"], "1", bytes("first"), ALL, cache.stamp());
    expect(cache.get(A, "email", "v", ["first_name", "last_name"], P)).toBeUndefined();
  });

  it("holds nothing while the listener is down", () => {
    const cache = new ProfileCache();
    cache.setFound(A, "email", "v", EXPOSED, "1", bytes("x"), ALL, cache.stamp());
    expect(cache.get(A, "email", "v", EXPOSED, P)).toBeUndefined();
    cache.setLive(true);
    cache.setFound(A, "email", "v", EXPOSED, "1", bytes("x"), ALL, cache.stamp());
    cache.setLive(false);
    expect(cache.size).toBe(0);
  });

  it("does not fill from a lookup that started before a change in its account", () => {
    const cache = liveCache();
    const before = cache.stamp();
    cache.invalidate({ scope: "profile", accountId: A, profileId: "9", pairs: [pairKey("email", "new@x.test")] });
    cache.setNotFound(A, "email", "new@x.test", before);
    cache.setFound(A, "email", "v", EXPOSED, "1", bytes("x"), ALL, before);
    expect(cache.get(A, "email", "new@x.test", EXPOSED, P)).toBeUndefined();
    expect(cache.get(A, "email", "v", EXPOSED, P)).toBeUndefined();
    // Another account's change does not hold up this one's fills.
    cache.setFound(B, "email", "v", EXPOSED, "1", bytes("x"), ALL, before);
    expect(cache.get(B, "email", "v", EXPOSED, P)).toBeDefined();
  });

  it("forgets a \"not found\" when a profile gains the value, and another profile's answer it makes ambiguous", () => {
    const cache = liveCache();
    cache.setNotFound(A, "email", "new@x.test", cache.stamp());
    cache.setFound(A, "email", "taken@x.test", EXPOSED, "1", bytes("one"), ALL, cache.stamp());
    expect(cache.get(A, "email", "new@x.test", EXPOSED, P)).toBe("none");
    cache.invalidate(parseProfileChange(JSON.stringify({ a: A, p: "2", h: [pairKey("email", "new@x.test"), pairKey("email", "taken@x.test")] })));
    expect(cache.get(A, "email", "new@x.test", EXPOSED, P)).toBeUndefined();
    expect(cache.get(A, "email", "taken@x.test", EXPOSED, P)).toBeUndefined();
  });

  it("forgets a whole account, or everything, and treats an unreadable payload as everything", () => {
    const cache = liveCache();
    cache.setFound(A, "email", "a", EXPOSED, "1", bytes("a"), ALL, cache.stamp());
    cache.setFound(B, "email", "b", EXPOSED, "2", bytes("b"), ALL, cache.stamp());
    cache.invalidate(parseProfileChange(JSON.stringify({ a: A, all: true })));
    expect(cache.get(A, "email", "a", EXPOSED, P)).toBeUndefined();
    expect(cache.get(B, "email", "b", EXPOSED, P)).toBeDefined();
    cache.invalidate(parseProfileChange("not json"));
    expect(cache.size).toBe(0);
  });

  it("tells whether any account's answer for a value may be held, and stops saying so once it is forgotten", () => {
    const cache = liveCache();
    expect(cache.mayHold("email", "a@x.test")).toBe(false);
    cache.setFound(A, "email", "a@x.test", EXPOSED, "1", bytes("a"), ALL, cache.stamp());
    cache.setFound(B, "email", "a@x.test", EXPOSED, "2", bytes("b"), ALL, cache.stamp());
    cache.setNotFound(A, "email", "none@x.test", cache.stamp());
    expect([cache.mayHold("email", "a@x.test"), cache.mayHold("email", "none@x.test"), cache.mayHold("customer_id", "a@x.test")]).toEqual([true, true, false]);
    // Overwriting an entry counts it once.
    cache.setFound(A, "email", "a@x.test", EXPOSED, "1", bytes("a again"), ALL, cache.stamp());
    cache.invalidate({ scope: "profile", accountId: A, profileId: "1", pairs: [] });
    expect(cache.mayHold("email", "a@x.test")).toBe(true); // B's is still there
    cache.invalidate({ scope: "profile", accountId: B, profileId: "2", pairs: [] });
    expect(cache.mayHold("email", "a@x.test")).toBe(false);
    cache.setLive(false);
    expect(cache.mayHold("email", "none@x.test")).toBe(false);
  });

  it("remembers \"not found\" for seconds only", async () => {
    const cache = liveCache(50);
    cache.setNotFound(A, "email", "gone@x.test", cache.stamp());
    expect(cache.get(A, "email", "gone@x.test", EXPOSED, P)).toBe("none");
    await new Promise((r) => setTimeout(r, 80));
    expect(cache.get(A, "email", "gone@x.test", EXPOSED, P)).toBeUndefined();
  });

  it("serves a cached answer to a purpose the profile consents to; to another, \"withheld\", only as long as a \"not found\"", () => {
    const cache = liveCache();
    let now = 1_000;
    const clock = vi.spyOn(performance, "now").mockImplementation(() => now);
    try {
      cache.setFound(A, "email", "sam@x.test", EXPOSED, "2", bytes("sam"), { personalisation: false, service: true, analytics: true }, cache.stamp());
      expect((cache.get(A, "email", "sam@x.test", EXPOSED, "service") as CachedProfile).body.text).toBe("sam");
      expect(cache.get(A, "email", "sam@x.test", EXPOSED, "personalisation")).toBe("withheld");
      // No purpose, or one this code does not know: nothing is served.
      expect(cache.get(A, "email", "sam@x.test", EXPOSED, null)).toBe("withheld");
      expect(cache.get(A, "email", "sam@x.test", EXPOSED, "toString")).toBe("withheld");
      now += NOT_FOUND_TTL_MS;
      expect(cache.get(A, "email", "sam@x.test", EXPOSED, "personalisation")).toBeUndefined();
      expect((cache.get(A, "email", "sam@x.test", EXPOSED, "analytics") as CachedProfile).body.text).toBe("sam");
      // A consent change forgets the profile's answers, whoever asks.
      cache.invalidate(parseProfileChange(JSON.stringify({ a: A, p: "2", h: [] })));
      expect(cache.get(A, "email", "sam@x.test", EXPOSED, "service")).toBeUndefined();
    } finally {
      clock.mockRestore();
    }
  });

  it("caches nothing with a maximum age of 0", () => {
    const cache = liveCache(0);
    cache.setFound(A, "email", "v", EXPOSED, "1", bytes("x"), ALL, cache.stamp());
    expect(cache.size).toBe(0);
  });

  it("fingerprints numbers canonically, as the trigger does", () => {
    expect(pairKey("n", "007")).toBe(pairKey("n", "7"));
    expect(pairKey("n", "7.50")).toBe(pairKey("n", "7.5"));
    expect(pairKey("n", "-0.0")).toBe(pairKey("n", "0"));
    expect(pairKey("n", "7")).not.toBe(pairKey("m", "7"));
  });
});
