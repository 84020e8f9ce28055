import { describe, expect, it } from "vitest";
import { formatDateTime } from "./format";

describe("formatDateTime", () => {
  it("shows the hour after midnight as 00, never 24", () => {
    expect(formatDateTime("2026-11-29T00:42:00Z")).toBe("29 Nov 2026, 00:42 UTC");
    expect(formatDateTime("2026-11-29T23:59:00Z")).toBe("29 Nov 2026, 23:59 UTC");
    expect(formatDateTime(null)).toBe("Never");
  });
});
