import { describe, expect, it } from "vitest";
import { cursorParam, parseAccessQuery } from "./filters";

describe("the Access log's query string", () => {
  it("reads UTC days (both inclusive), an outcome and a cursor; never a searched value's hash", () => {
    const q = parseAccessQuery({ from: "2026-11-01", to: "2026-11-02", outcome: "not_found", match: "a".repeat(64), after: "1795900000000_42" });
    expect(q.errors).toEqual([]);
    expect(q.filter).toEqual({ from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-03T00:00:00Z"), outcome: "not_found" });
    expect(q.after).toEqual({ at: new Date(1795900000000), id: 42 });
    expect(cursorParam({ at: new Date(1795900000000), id: 42 })).toBe("1795900000000_42");
  });

  it("says what is wrong with a date, and ignores what it cannot use", () => {
    expect(parseAccessQuery({ from: "2026-02-30" }).errors).toEqual(["Enter the start date as YYYY-MM-DD."]);
    expect(parseAccessQuery({ from: "2026-11-05", to: "2026-11-01" }).errors).toEqual(["The start date must be on or before the end date."]);
    // A raw email is never a search either.
    const q = parseAccessQuery({ outcome: "everything", match: "jane@example.test", after: "x" });
    expect(q.filter).toEqual({});
    expect(q.after).toBeNull();
  });
});
