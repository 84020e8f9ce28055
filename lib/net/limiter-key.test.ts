import { describe, expect, it } from "vitest";
import { limiterKey } from "./limiter-key";

describe("limiterKey", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:0000:0000:0000:0001", "2001:db8:1:2::/64"],
    ["2001:db8:1:3::1", "2001:db8:1:3::/64"],
    ["::1", "::/64"],
    [null, "unknown"],
    ["not an address", "unknown"],
  ])("%s → %s", (ip, key) => {
    expect(limiterKey(ip)).toBe(key);
  });

  it("gives every address of one IPv6 /64 the same key, and a neighbouring /64 another", () => {
    const keys = new Set(Array.from({ length: 50 }, (_, i) => limiterKey(`2001:db8:a:b:${i.toString(16)}::${i + 1}`)));
    expect([...keys]).toEqual(["2001:db8:a:b::/64"]);
    expect(limiterKey("2001:db8:a:c::1")).not.toBe(limiterKey("2001:db8:a:b::1"));
  });
});
