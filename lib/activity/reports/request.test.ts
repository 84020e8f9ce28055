import { describe, expect, it } from "vitest";
import { parseReportRequest, parseInstant } from "./request";

const now = Date.parse("2026-11-28T12:00:00Z");
const base = { type: "summary", date_from: "2026-11-01T00:00:00+11:00", date_to: "2026-11-14T23:59:59+11:00" };
const parse = (body: unknown) => parseReportRequest(body, now);
const refused = (body: unknown) => {
  const result = parse(body);
  return result.ok ? null : result.message;
};

describe("parseInstant", () => {
  it.each([
    ["2018-04-01T00:00:00+11:00", Date.parse("2018-03-31T13:00:00Z"), 660],
    ["2018-04-01T00:00Z", Date.parse("2018-04-01T00:00:00Z"), 0],
    ["2018-04-01T10:30:15.5-04:30", Date.parse("2018-04-01T15:00:15.500Z"), -270],
  ])("%s", (text, ms, offset) => {
    expect(parseInstant(text)).toMatchObject({ ms, offsetMinutes: offset });
  });

  it.each(["2018-04-01", "2018-04-01T00:00:00", "2018-02-30T00:00:00Z", "2018-04-01T24:00:00Z", "2018-04-01 00:00:00Z", "2018-04-01T00:00:00+1100"])("refuses %s", (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});

describe("parseReportRequest", () => {
  it("accepts the documented body, ignores unknown keys, treats null as absent, one id as a list", () => {
    const id = "5b0e8f1a-3c2d-4e5f-8a9b-0c1d2e3f4a5b";
    const result = parse({ ...base, users: id, groups: null, extra: 1, form: 123 });
    expect(result).toMatchObject({ ok: true, request: { type: "summary", users: [id], groups: [], form: null } });
  });

  it.each([
    [[], /JSON object/],
    ["summary", /JSON object/],
    [{ ...base, type: undefined }, /type/],
    [{ ...base, type: "agents" }, /type/],
    [{ ...base, date_from: undefined }, /date_from/],
    [{ ...base, date_from: "2026-11-01" }, /date_from/],
    [{ ...base, date_to: "2026-11-14T23:59:59" }, /date_to/],
    [{ ...base, date_to: base.date_from }, /date_to must be later/],
    [{ ...base, date_from: "2026-11-28T12:00:01Z", date_to: "2026-11-29T00:00:00Z" }, /future/],
    [{ ...base, date_from: "2025-11-01T00:00:00+11:00", date_to: "2026-11-01T00:00:01+11:00" }, /12 calendar months/],
    [{ ...base, date_from: "2024-02-29T00:00:00Z", date_to: "2025-02-28T00:00:01Z" }, /12 calendar months/],
    [{ ...base, users: [1] }, /users/],
    [{ ...base, groups: ["not-a-uuid"] }, /groups/],
    [{ ...base, type: "nps_summary" }, /form/],
    [{ ...base, type: "nps_summary", form: "5b0e8f1a-3c2d-4e5f-8a9b-0c1d2e3f4a5b", nps_category: "fans" }, /nps_category/],
  ])("%j → 400 naming the problem", (body, message) => {
    expect(refused(body)).toMatch(message);
  });

  it("allows exactly 12 calendar months on date_from's wall clock, and a date_to in the future", () => {
    expect(refused({ ...base, date_from: "2025-11-01T00:00:00+11:00", date_to: "2026-11-01T00:00:00+11:00" })).toBeNull();
    expect(refused({ ...base, date_from: "2024-02-29T00:00:00Z", date_to: "2025-02-28T00:00:00Z" })).toBeNull();
    expect(refused({ ...base, date_to: "2027-01-01T00:00:00Z" })).toBeNull();
  });
});
