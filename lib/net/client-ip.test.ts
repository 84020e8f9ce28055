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
  });

  it("an unreadable hop behind a trusted proxy is unknown, never the proxy's own address", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 127.0.0.1");
    for (const hop of ["garbage", "unknown", "198.51.100.7:443", "[2001:db8::9]", "[2001:db8::9]:443", "_hidden"]) {
      expect(resolveClientIp("127.0.0.1", hop, trusted), hop).toBeNull();
      expect(resolveClientIp("127.0.0.1", `1.2.3.4, ${hop}, 10.1.1.1`, trusted), hop).toBeNull();
    }
    // A trusted proxy that forwarded nothing readable at all: still the socket's peer only if the header is absent.
    expect(resolveClientIp("127.0.0.1", undefined, trusted)).toBe("127.0.0.1");
  });

  it("rejects a bad TRUST_PROXY", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, nope")).toThrow(/TRUST_PROXY entry "nope"/);
    expect(parseTrustedProxies(undefined)).toEqual([]);
  });
});
