import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allowsEverything, INVALID_IP_MESSAGE, ipAllowed, parseClientIp, parseIpEntry } from "./ip";

const entry = (text: string) => {
  const parsed = parseIpEntry(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.entry;
};

describe("parseIpEntry", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.0/24 ", "203.0.113.0/24"],
    ["10.0.0.0/8", "10.0.0.0/8"],
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:db8::/32", "2001:db8::/32"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::ffff:10.0.0.0/104", "10.0.0.0/8"],
    ["198.51.100.9/32", "198.51.100.9"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["::/0", "::/0"],
  ])("accepts %s as %s", (input, canonical) => {
    expect(entry(input).canonical).toBe(canonical);
  });

  it.each(["", "   ", "localhost", "256.1.1.1", "1.2.3", "127.1", "0x7f.0.0.1", "01.2.3.4", "10.0.0.0/33", "10.0.0.0/-1",
    "10.0.0.0/", "10.0.0.0/8/8", "2001:db8::/129", "2001:db8:::1", "fe80::1%eth0", "1.2.3.4 5.6.7.8", "10.0.0.0/ 8"])(
    "refuses %j",
    (input) => {
      const parsed = parseIpEntry(input);
      expect(parsed.ok).toBe(false);
    },
  );

  it("says what the network address of a range is", () => {
    const parsed = parseIpEntry("10.1.2.3/8");
    expect(parsed).toEqual({ ok: false, message: "That range starts at 10.0.0.0/8: use that instead" });
    expect(parseIpEntry("nope")).toEqual({ ok: false, message: INVALID_IP_MESSAGE });
  });

  it("knows which ranges allow everything", () => {
    expect(allowsEverything(entry("0.0.0.0/0"))).toBe(true);
    expect(allowsEverything(entry("::/0"))).toBe(true);
    expect(allowsEverything(entry("0.0.0.0/1"))).toBe(false);
  });

  it("never throws, whatever the input", () => {
    fc.assert(fc.property(fc.string(), (s) => typeof parseIpEntry(s).ok === "boolean"));
    fc.assert(fc.property(fc.ipV4(), (s) => parseIpEntry(s).ok === true));
    fc.assert(fc.property(fc.ipV6(), (s) => parseIpEntry(s).ok === true));
  });
});

describe("ipAllowed", () => {
  const list = ["203.0.113.0/24", "198.51.100.7", "2001:db8::/48"].map(entry);
  const ip = (text: string) => parseClientIp(text)!;

  it("matches addresses and ranges of both families", () => {
    expect(ipAllowed(list, ip("203.0.113.200"))).toBe(true);
    expect(ipAllowed(list, ip("198.51.100.7"))).toBe(true);
    expect(ipAllowed(list, ip("2001:db8:0:ffff::1"))).toBe(true);
    expect(ipAllowed(list, ip("::ffff:203.0.113.5"))).toBe(true);
  });

  it("misses outside addresses", () => {
    expect(ipAllowed(list, ip("203.0.114.1"))).toBe(false);
    expect(ipAllowed(list, ip("198.51.100.8"))).toBe(false);
    expect(ipAllowed(list, ip("2001:db9::1"))).toBe(false);
    expect(ipAllowed(list, ip("::1"))).toBe(false);
  });

  it("an empty list allows everyone", () => {
    expect(ipAllowed([], ip("192.0.2.1"))).toBe(true);
  });
});
