import { describe, expect, it } from "vitest";
import { usageSeries } from "./usage-series";

describe("usageSeries", () => {
  it("fills 14 days ending today, adding counts by outcome", () => {
    const series = usageSeries(
      [
        { day: "2026-11-28", outcome: "allowed", count: 5 },
        { day: "2026-11-28", outcome: "rate_limited", count: 2 },
        { day: "2026-11-15", outcome: "ip_refused", count: 1 },
        { day: "2026-11-01", outcome: "allowed", count: 99 },
      ],
      new Date("2026-11-28T12:00:00Z"),
    );
    expect(series).toHaveLength(14);
    expect(series[0]!.day).toBe("2026-11-15");
    expect(series[0]!.ip_refused).toBe(1);
    expect(series[13]).toEqual({ day: "2026-11-28", allowed: 5, ip_refused: 0, rate_limited: 2, wrong_type: 0, invalid: 0, out_of_scope: 0 });
    expect(series.reduce((n, d) => n + d.allowed, 0)).toBe(5);
  });
});
