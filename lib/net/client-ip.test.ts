import { describe, expect, it } from "vitest";
import { parseTrustedProxies, resolveClientIp } from "./client-ip";

describe("resolveClientIp", () => {
  it("uses the socket address and ignores X-Forwarded-For without TRUST_PROXY", () => {
    expect(resolveClientIp("203.0.113.9", "198.51.100.1", [])).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:127.0.0.1", "10.0.0.1", [])).toBe("127.0.0.1");
    expect(resolveClientIp("2001:db8::1", undefined, [])).toBe("2001:db8::1");
  });

  it("ignores a spoofed header from a peer that is not a trusted proxy", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8");
    expect(resolveClientIp("203.0.113.9", "198.51.100.1", trusted)).toBe("203.0.113.9");
  });

  it("takes the rightmost untrusted hop behind trusted proxies", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 127.0.0.1");
    expect(resolveClientIp("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.1.1.1", trusted)).toBe("198.51.100.7");
    expect(resolveClientIp("::ffff:10.0.0.5", "2001:db8::9", trusted)).toBe("2001:db8::9");
    expect(resolveClientIp("127.0.0.1", "garbage", trusted)).toBe("127.0.0.1");
  });

  it("rejects a bad TRUST_PROXY", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, nope")).toThrow(/TRUST_PROXY entry "nope"/);
    expect(parseTrustedProxies(undefined)).toEqual([]);
  });
});
