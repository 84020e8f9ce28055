import { describe, expect, it } from "vitest";
import { ALARM, effectiveRateLimit, enumerationReason, SUSPICIOUS_RATE_LIMIT, type WindowStats } from "./thresholds";

const quiet: WindowStats = { distinctValues: 0, distinctNotFound: 0, notFoundValuesHour: 0, notFoundValuesDay: 0 };
const stats = (s: Partial<WindowStats>): WindowStats => ({ ...quiet, ...s });

describe("enumeration thresholds", () => {
  it("trips when more than half of the different values looked up found nobody, once there are enough values", () => {
    expect(enumerationReason(stats({ distinctValues: 100, distinctNotFound: 51 }))).toBe("51 % of 100 different values looked up in 10 minutes found no profile");
    // Exactly half is not more than half; too few values say nothing yet.
    expect(enumerationReason(stats({ distinctValues: 100, distinctNotFound: 50 }))).toBeNull();
    expect(enumerationReason(stats({ distinctValues: ALARM.MIN_VALUES - 1, distinctNotFound: ALARM.MIN_VALUES - 1 }))).toBeNull();
  });

  it("100 guesses plus 100 repeats of one known customer trip it: repeats count once", () => {
    expect(enumerationReason(stats({ distinctValues: 101, distinctNotFound: 100 }))).toBe("99 % of 101 different values looked up in 10 minutes found no profile");
  });

  it("trips on a walk through many different values even when they are found", () => {
    expect(enumerationReason(stats({ distinctValues: 1_001 }))).toBe("1001 different values looked up in 10 minutes");
    expect(enumerationReason(stats({ distinctValues: 1_000 }))).toBeNull();
    // The normal pattern: the same few customers over and over, a typo now and then.
    expect(enumerationReason(stats({ distinctValues: 3, distinctNotFound: 1, notFoundValuesHour: 20, notFoundValuesDay: 90 }))).toBeNull();
  });

  it("caps the different values that found nobody per hour and per day, however slowly they come", () => {
    expect(enumerationReason(stats({ notFoundValuesHour: ALARM.MAX_NOT_FOUND_VALUES_HOUR + 1, notFoundValuesDay: ALARM.MAX_NOT_FOUND_VALUES_HOUR + 1 }))).toBe(
      `${ALARM.MAX_NOT_FOUND_VALUES_HOUR + 1} different values found no profile in an hour`,
    );
    expect(enumerationReason(stats({ notFoundValuesHour: ALARM.MAX_NOT_FOUND_VALUES_HOUR, notFoundValuesDay: ALARM.MAX_NOT_FOUND_VALUES_DAY + 1 }))).toBe(
      `${ALARM.MAX_NOT_FOUND_VALUES_DAY + 1} different values found no profile in a day`,
    );
    expect(enumerationReason(stats({ notFoundValuesHour: ALARM.MAX_NOT_FOUND_VALUES_HOUR, notFoundValuesDay: ALARM.MAX_NOT_FOUND_VALUES_DAY }))).toBeNull();
  });

  it("throttles a suspicious token to 10 a minute, never above its own limit", () => {
    expect(effectiveRateLimit({ rateLimit: 600, suspiciousAt: null })).toBe(600);
    expect(effectiveRateLimit({ rateLimit: 600, suspiciousAt: new Date() })).toBe(SUSPICIOUS_RATE_LIMIT);
    expect(effectiveRateLimit({ rateLimit: 5, suspiciousAt: new Date() })).toBe(5);
  });
});
