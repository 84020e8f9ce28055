import { describe, expect, it } from "vitest";
import { attentionSummary, needsAttention } from "./attention";
import { DAY_MS } from "./expiry";

const now = Date.UTC(2026, 11, 7, 12);
const daysAgo = (days: number) => new Date(now - days * DAY_MS);
const token = (overrides: Partial<Parameters<typeof needsAttention>[0]> = {}) => ({
  createdAt: daysAgo(1),
  lastUsedAt: daysAgo(1),
  expiresAt: new Date(now + 30 * DAY_MS),
  lastResetAt: null,
  ...overrides,
});

describe("Needs attention", () => {
  it("finds nothing on a fresh, used, expiring token", () => {
    expect(needsAttention(token(), now)).toEqual([]);
  });

  it('"Never used" only once the token is over 7 days old', () => {
    expect(needsAttention(token({ lastUsedAt: null, createdAt: daysAgo(7) }), now)).toEqual([]);
    expect(needsAttention(token({ lastUsedAt: null, createdAt: daysAgo(8) }), now)).toEqual(["never_used"]);
  });

  it('"Not used in 30 days", "Never expires" and "Not reset in 180 days" (from the last reset, else creation)', () => {
    expect(needsAttention(token({ lastUsedAt: daysAgo(31) }), now)).toEqual(["idle"]);
    expect(needsAttention(token({ expiresAt: null }), now)).toEqual(["never_expires"]);
    expect(needsAttention(token({ createdAt: daysAgo(200) }), now)).toEqual(["not_reset"]);
    expect(needsAttention(token({ createdAt: daysAgo(200), lastResetAt: daysAgo(10) }), now)).toEqual([]);
  });

  it("sums the findings up in one line, or none", () => {
    expect(attentionSummary([[], []])).toBeNull();
    expect(attentionSummary([["never_expires"], ["never_used", "never_expires"], []])).toBe("2 tokens need attention: 1 unused since created, 2 without an expiry");
  });
});
