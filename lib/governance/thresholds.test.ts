import { describe, expect, it } from "vitest";
import { ALARM, effectiveRateLimit, enumerationReason, SUSPICIOUS_RATE_LIMIT } from "./thresholds";

describe("enumeration thresholds", () => {
  it("trips on more than half not found, once there are enough lookups", () => {
    expect(enumerationReason({ total: 100, notFound: 51, distinctValues: 100 })).toBe("51 % of 100 lookups in 10 minutes found no profile");
    // Exactly half is not more than half; too few lookups say nothing yet.
    expect(enumerationReason({ total: 100, notFound: 50, distinctValues: 100 })).toBeNull();
    expect(enumerationReason({ total: ALARM.MIN_LOOKUPS - 1, notFound: ALARM.MIN_LOOKUPS - 1, distinctValues: 99 })).toBeNull();
  });

  it("trips on a walk through many different values even when they are found", () => {
    expect(enumerationReason({ total: 5_000, notFound: 0, distinctValues: 1_001 })).toBe("1001 different values looked up in 10 minutes");
    expect(enumerationReason({ total: 5_000, notFound: 0, distinctValues: 1_000 })).toBeNull();
    // The normal pattern: the same few customers over and over.
    expect(enumerationReason({ total: 5_000, notFound: 10, distinctValues: 3 })).toBeNull();
  });

  it("throttles a suspicious token to 10 a minute, never above its own limit", () => {
    expect(effectiveRateLimit({ rateLimit: 600, suspiciousAt: null })).toBe(600);
    expect(effectiveRateLimit({ rateLimit: 600, suspiciousAt: new Date() })).toBe(SUSPICIOUS_RATE_LIMIT);
    expect(effectiveRateLimit({ rateLimit: 5, suspiciousAt: new Date() })).toBe(5);
  });
});
