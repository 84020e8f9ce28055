import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "@/test/database";
import { seedReportFixture } from "@/test/report-fixture";
import { runReport } from "./index";

withTestDatabase();

let f: Awaited<ReturnType<typeof seedReportFixture>>;
beforeAll(async () => {
  f = await seedReportFixture();
});

const now = Date.parse("2026-03-20T00:00:00Z");
// 72 hours on +10:00: hourly buckets 2026-03-01 00:00 … 2026-03-03 23:00.
const hours = { date_from: "2026-03-01T00:00:00+10:00", date_to: "2026-03-03T23:59:59+10:00" };
const days = { date_from: "2026-03-01T00:00:00+10:00", date_to: "2026-03-05T23:59:59+10:00" };

async function report(body: Record<string, unknown>) {
  const result = await runReport(f.accountId, body, now);
  if (!result.ok) throw new Error(result.message);
  return result.body as never;
}

describe("object reports (hand-built fixture)", () => {
  it("summary", async () => {
    expect(await report({ type: "summary", ...hours })).toEqual({
      total_volume: 5,
      total_responded_to: 3,
      avg_response_time: (3000 + 7200 + 400) / 3,
      min_response_time: 400,
      max_response_time: 7200,
      avg_action_response_time: (2400 + 7140 + 300) / 3,
      min_action_response_time: 300,
      max_action_response_time: 7140,
      broke_sla: 1,
      broke_action_sla: 2,
      avg_response_time_min: (3000 + 7200 + 400) / 3 / 60,
      avg_action_response_time_min: (2400 + 7140 + 300) / 3 / 60,
    });
  });

  it("summary over nothing is all zeros", async () => {
    const body = await report({ type: "summary", date_from: "2025-01-01T00:00:00Z", date_to: "2025-01-02T00:00:00Z" });
    expect(Object.values(body).every((v) => v === 0)).toBe(true);
  });

  it("filters: users, groups, both", async () => {
    const volume = async (extra: object) => ((await report({ type: "summary", ...hours, ...extra })) as { total_volume: number }).total_volume;
    expect(await volume({ users: [f.ann] })).toBe(2);
    expect(await volume({ users: f.bob })).toBe(2);
    expect(await volume({ groups: [f.g1] })).toBe(3);
    expect(await volume({ groups: [f.g1, f.g2] })).toBe(5);
    expect(await volume({ groups: [f.g1], users: [f.bob] })).toBe(0);
    expect(await volume({ users: null, groups: [] })).toBe(5);
  });

  it("states, largest first then by name", async () => {
    expect(await report({ type: "states", ...hours })).toEqual([
      { state: "closed", volume: 2 },
      { state: "in_progress", volume: 1 },
      { state: "new", volume: 1 },
      { state: "responded", volume: 1 },
    ]);
  });

  it("states_volume: hourly series on the +10:00 wall clock, empty buckets included", async () => {
    const body = (await report({ type: "states_volume", ...hours })) as Record<string, Array<{ state: string; value: number; date_range: { date_from: string } }>>;
    expect(Object.keys(body).sort()).toEqual(["closed", "in_progress", "new", "responded"]);
    const closed = body.closed!;
    expect(closed).toHaveLength(72);
    expect(closed[0]).toEqual({ state: "closed", value: 1, date_range: { date_from: "2026-03-01 00:00" } });
    expect(closed[12]).toEqual({ state: "closed", value: 1, date_range: { date_from: "2026-03-01 12:00" } });
    expect(closed.at(-1)!.date_range.date_from).toBe("2026-03-03 23:00");
    expect(closed.reduce((n, b) => n + b.value, 0)).toBe(2);
    expect(body.new!.find((b) => b.value === 1)!.date_range.date_from).toBe("2026-03-02 16:00");
  });

  it("response_volume: mean seconds per bucket, 0 when none", async () => {
    const series = ((await report({ type: "response_volume", ...hours })) as { avg_response_time: Array<{ value: number; date_range: { date_from: string } }> }).avg_response_time;
    expect(series).toHaveLength(72);
    expect(series.filter((b) => b.value > 0)).toEqual([
      { value: 3000, date_range: { date_from: "2026-03-01 00:00" } },
      { value: 7200, date_range: { date_from: "2026-03-01 12:00" } },
      { value: 400, date_range: { date_from: "2026-03-01 13:00" } },
    ]);
    const daily = ((await report({ type: "response_volume", ...days })) as { avg_response_time: Array<{ value: number; date_range: { date_from: string } }> }).avg_response_time;
    expect(daily.map((b) => b.date_range.date_from)).toEqual(["2026-03-01 00:00", "2026-03-02 00:00", "2026-03-03 00:00", "2026-03-04 00:00", "2026-03-05 00:00"]);
    expect(daily[0]!.value).toBeCloseTo((3000 + 7200 + 400) / 3, 9);
  });

  it("classifications: a row per state plus all_states; an object with two counts under each", async () => {
    const rows = (await report({ type: "classifications", ...hours })) as Array<Record<string, unknown>>;
    expect(rows).toEqual(
      expect.arrayContaining([
        { classification_id: f.delivery, classification: "Delivery", state: "closed", volume: 2 },
        { classification_id: f.delivery, classification: "Delivery", state: "all_states", volume: 2 },
        { classification_id: f.refund, classification: "Refund", state: "closed", volume: 1 },
        { classification_id: f.refund, classification: "Refund", state: "responded", volume: 1 },
        { classification_id: f.refund, classification: "Refund", state: "all_states", volume: 2 },
      ]),
    );
    expect(rows).toHaveLength(5);
  });

  it("user_summary: per agent, with ratios over responded", async () => {
    const rows = (await report({ type: "user_summary", ...hours })) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.user_id === f.ann)).toMatchObject({
      first_name: "Ann", last_name: "Able", mentions_assigned: 2, responded_to: 2, total_responded_to: 2, responded_to_in_private: 1,
      min_response_time: 3000, max_response_time: 7200, avg_response_time: 5100, avg_action_response_time: 4770,
      broke_sla: 1, broke_action_sla: 2, avg_response_time_min: 85,
      fraction_responded_to: 1, fraction_responded_to_in_private: 0.5, fraction_broke_sla: 0.5, fraction_broke_action_sla: 1,
    });
    expect(rows.find((r) => r.user_id === f.bob)).toMatchObject({
      mentions_assigned: 2, responded_to: 1, fraction_responded_to: 0.5, broke_sla: 0, fraction_broke_sla: 0, avg_response_time: 400, avg_action_response_time: 300,
    });
  });

  it("user_volume: all twelve keys, zeros included", async () => {
    const rows = (await report({ type: "user_volume", ...hours })) as Array<{ user_id: string; states: Record<string, number> }>;
    const bob = rows.find((r) => r.user_id === f.bob)!;
    expect(Object.keys(bob.states)).toHaveLength(12);
    expect(bob.states).toMatchObject({ responded: 1, in_progress: 1, closed: 0, all_states: 2, all_closed_states: 0 });
    expect(rows.find((r) => r.user_id === f.ann)!.states).toMatchObject({ closed: 2, all_states: 2, all_closed_states: 2 });
  });
});

describe("case reports (hand-built fixture)", () => {
  it("case_summary: cases closed in the range", async () => {
    expect(await report({ type: "case_summary", ...hours })).toEqual({
      total_cases: 1, first_reply_time: 3000, resolution_time: 13.5 * 3600, agent_interactions: 2, agents_involved: 2,
    });
  });

  it("case_volume: cases open at any moment of each bucket", async () => {
    const open = ((await report({ type: "case_volume", ...hours })) as { open: Array<{ value: number; date_range: { date_from: string } }> }).open;
    expect(open).toHaveLength(72);
    const at = (label: string) => open.find((b) => b.date_range.date_from === label)!.value;
    expect(at("2026-03-01 00:00")).toBe(1);
    expect(at("2026-03-01 12:00")).toBe(1);
    expect(at("2026-03-01 13:00")).toBe(2);
    expect(at("2026-03-02 14:00")).toBe(2); // c1 closes at 14:00 local: open at the bucket's start
    expect(at("2026-03-02 15:00")).toBe(1);
    expect(at("2026-03-03 23:00")).toBe(1);
  });

  it("case_volume: the first bucket only counts from date_from; future buckets count nothing", async () => {
    const body = { type: "case_volume", date_from: "2026-03-02T14:30:00+10:00", date_to: "2026-03-25T00:00:00+10:00" };
    const open = ((await report(body)) as { open: Array<{ value: number; date_range: { date_from: string } }> }).open;
    expect(open[0]).toEqual({ value: 1, date_range: { date_from: "2026-03-02 00:00" } }); // c1 closed at 14:00, before the range
    expect(open.find((b) => b.date_range.date_from === "2026-03-20 00:00")!.value).toBe(1); // now is 10:00 that day
    expect(open.find((b) => b.date_range.date_from === "2026-03-21 00:00")!.value).toBe(0);
    expect(open).toHaveLength(24);
    const ann = ((await report({ ...body, date_from: "2026-03-02T10:00:00+10:00", users: [f.ann] })) as { open: Array<{ value: number }> }).open;
    expect(ann.slice(0, 2).map((b) => b.value)).toEqual([1, 0]);
  });

  it("case_classifications: each case once per classification of its objects", async () => {
    expect(await report({ type: "case_classifications", ...hours })).toEqual([
      { classification_id: f.delivery, classification: "Delivery", volume: 1 },
      { classification_id: f.refund, classification: "Refund", volume: 1 },
    ]);
  });
});

describe("NPS reports (hand-built fixture)", () => {
  it("nps_summary: 5 promoters, 2 passives, 3 detractors → 20", async () => {
    expect(await report({ type: "nps_summary", form: f.npsForm, ...days })).toEqual({
      total_sent: 12, total_received: 10, total_promoters: 5, total_passives: 2, total_detractors: 3, nps_score: 20,
    });
    expect(await report({ type: "nps_summary", form: f.npsForm, nps_category: "promoters", ...days })).toEqual({
      total_sent: 12, total_received: 5, total_promoters: 5, total_passives: 0, total_detractors: 0, nps_score: 100,
    });
    expect(await report({ type: "nps_summary", form: f.npsForm, nps_category: "detractors", users: [f.ann], ...days })).toMatchObject({
      total_sent: 6, total_received: 1, total_detractors: 1, nps_score: -100,
    });
  });

  it("nps_volume: daily buckets labelled by their UTC start", async () => {
    const buckets = (await report({ type: "nps_volume", form: f.npsForm, ...days })) as Array<{ date: string; timestamp: number; data: Record<string, number> }>;
    expect(buckets).toHaveLength(5);
    expect(buckets[0]).toEqual({
      date: "2026-02-28T14:00:00+00:00",
      timestamp: Date.parse("2026-02-28T14:00:00Z") / 1000,
      data: { total_sent: 3, total_received: 2, total_promoters: 1, total_passives: 1, total_detractors: 0, nps_score: 50 },
    });
    expect(buckets[2]!.data).toEqual({ total_sent: 2, total_received: 2, total_promoters: 1, total_passives: 0, total_detractors: 1, nps_score: 0 });
  });
});

describe("buckets as the contract's example", () => {
  const april = { date_from: "2018-04-01T00:00:00+11:00", date_to: "2018-04-30T23:59:59+11:00" };
  it("30 daily buckets on +11:00; nps_volume labels the first 2018-03-31T13:00:00+00:00 / 1522501200", async () => {
    const open = ((await report({ type: "case_volume", ...april })) as { open: Array<{ value: number; date_range: { date_from: string } }> }).open;
    expect(open.map((b) => b.date_range.date_from)).toEqual(Array.from({ length: 30 }, (_, i) => `2018-04-${String(i + 1).padStart(2, "0")} 00:00`));
    const nps = (await report({ type: "nps_volume", form: f.npsForm, ...april })) as Array<{ date: string; timestamp: number }>;
    expect(nps[0]).toMatchObject({ date: "2018-03-31T13:00:00+00:00", timestamp: 1522501200 });
    expect(nps).toHaveLength(30);
  });

  it("72 hourly buckets when the range ends 2018-04-03T23:59:59+11:00", async () => {
    const body = { type: "response_volume", date_from: april.date_from, date_to: "2018-04-03T23:59:59+11:00" };
    const series = ((await report(body)) as { avg_response_time: Array<{ value: number; date_range: { date_from: string } }> }).avg_response_time;
    expect(series).toHaveLength(72);
    expect(series[0]).toEqual({ value: 0, date_range: { date_from: "2018-04-01 00:00" } });
    expect(series.at(-1)!.date_range.date_from).toBe("2018-04-03 23:00");
  });

  it("an offset with minutes aligns hours on that wall clock", async () => {
    const body = { type: "states_volume", date_from: "2026-03-01T05:30:00+05:30", date_to: "2026-03-01T09:29:59+05:30" };
    // o2 arrived 02:00Z = 07:30 at +05:30, o3 03:00Z = 08:30.
    const closed = ((await report(body)) as Record<string, Array<{ value: number; date_range: { date_from: string } }>>).closed!;
    expect(closed.map((b) => [b.date_range.date_from, b.value])).toEqual([["2026-03-01 05:00", 0], ["2026-03-01 06:00", 0], ["2026-03-01 07:00", 1], ["2026-03-01 08:00", 0], ["2026-03-01 09:00", 0]]);
  });
});

describe("ids the account does not own", () => {
  it("the same id in capitals is the same id", async () => {
    const body = await report({ type: "summary", ...hours, users: [f.ann.toUpperCase(), f.ann] });
    expect((body as { total_volume: number }).total_volume).toBe(2);
  });

  it.each([
    [{ type: "summary", users: ["00000000-0000-4000-8000-000000000000"] }, /users/],
    [{ type: "summary", groups: ["00000000-0000-4000-8000-000000000000"] }, /groups/],
    [{ type: "nps_summary" }, /form/],
    [{ type: "nps_volume", form: "plain" }, /form/],
  ])("%j → refused", async (body, message) => {
    const withForm = { ...body, ...("form" in body ? { form: f.plainForm } : {}) };
    const result = await runReport(f.accountId, { ...hours, ...withForm }, now);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});
