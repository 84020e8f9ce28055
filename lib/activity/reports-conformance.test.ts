import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer } from "@/test/api-server";
import { withTestDatabase } from "@/test/database";
import { contractSchemas } from "@/test/activity-contract";

// A partner's report script, played against the real HTTP server: it knows the published
// contract (test/activity-contract.ts, written from it) and nothing of the code.
withTestDatabase();

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const TYPES = Object.keys(contractSchemas.reports) as Array<keyof typeof contractSchemas.reports>;

let server: Awaited<ReturnType<typeof startApiServer>>;
let token: string;
let lists: Record<"users" | "groups" | "forms", Array<Record<string, unknown>>>;
beforeAll(async () => {
  const { actor } = await seedApiAccount();
  server = await startApiServer();
  ({ token } = await issueToken(actor, { type: "activity", description: "partner script" }));
  const get = async (name: "users" | "groups" | "forms") => {
    const result = await call(server.port, `/api/v1/${name}`, { token, header: "auth-api-token" });
    expect(result.status).toBe(200);
    expect(ajv.validate(contractSchemas.lists[name], result.body), `${name}: ${JSON.stringify(ajv.errors)}`).toBe(true);
    return result.body.data as Array<Record<string, unknown>>;
  };
  lists = { users: await get("users"), groups: await get("groups"), forms: await get("forms") };
}, 180_000);
afterAll(async () => {
  await server?.close();
});

// Monday-to-yesterday spans on +11:00, as the scripts send them.
const pad = (n: number) => String(n).padStart(2, "0");
function localDay(daysAgo: number, time: string) {
  const d = new Date(Date.now() + 11 * 3600_000 - daysAgo * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${time}+11:00`;
}
const range90 = { date_from: localDay(89, "00:00:00"), date_to: localDay(0, "00:00:00") };

type Body = Record<string, unknown>;
async function report(body: Body) {
  const result = await call(server.port, "/api/v1/activity/reports", { method: "POST", token, header: "auth-api-token", body });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body as unknown;
}
const npsForm = () => lists.forms.find((f) => f.nps === true && f.archived === false)!.id as string;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("Activity API conformance (a partner's script)", () => {
  it("lists: ids are strings, every documented field present", () => {
    expect(lists.users.length).toBeGreaterThanOrEqual(2);
    expect(lists.forms.some((f) => f.nps === true) && lists.forms.some((f) => f.nps === false)).toBe(true);
  });

  it.each(TYPES)("%s: 200 with the documented shape", async (type) => {
    const body = await report({ type, ...range90, ...(type.startsWith("nps") ? { form: npsForm() } : {}) });
    expect(ajv.validate(contractSchemas.reports[type], body), JSON.stringify(ajv.errors)).toBe(true);
  });

  it("keeps the §5 consistency rules over the seeded 90 days", async () => {
    const summary = (await report({ type: "summary", ...range90 })) as Record<string, number>;
    expect(summary.total_volume).toBeGreaterThan(500);
    expect(summary.total_responded_to).toBeLessThanOrEqual(summary.total_volume!);
    expect(summary.broke_sla).toBeGreaterThan(0);
    expect(summary.broke_sla! + 0).toBeLessThanOrEqual(summary.total_responded_to!);
    expect(summary.broke_action_sla).toBeLessThanOrEqual(summary.total_responded_to!);
    expect(summary.min_response_time! <= summary.avg_response_time! && summary.avg_response_time! <= summary.max_response_time!).toBe(true);
    const states = (await report({ type: "states", ...range90 })) as Array<{ volume: number }>;
    expect(sum(states.map((s) => s.volume))).toBe(summary.total_volume);
    const volume = (await report({ type: "states_volume", ...range90 })) as Record<string, Array<{ value: number }>>;
    expect(sum(Object.values(volume).flatMap((series) => series.map((b) => b.value)))).toBe(summary.total_volume);
    expect(Object.values(volume).every((series) => series.length === 90)).toBe(true);

    const agents = (await report({ type: "user_summary", ...range90 })) as Array<{ user_id: string; mentions_assigned: number; responded_to: number }>;
    const agentVolume = (await report({ type: "user_volume", ...range90 })) as Array<{ user_id: string; states: Record<string, number> }>;
    for (const a of agents) {
      expect(agentVolume.find((v) => v.user_id === a.user_id)!.states.all_states).toBe(a.mentions_assigned);
      expect(a.responded_to).toBeLessThanOrEqual(a.mentions_assigned);
    }
    const one = agents[0]!;
    expect(((await report({ type: "summary", ...range90, users: one.user_id })) as Record<string, number>).total_volume).toBe(one.mentions_assigned);
    const perGroup = await Promise.all(lists.groups.map((g) => report({ type: "summary", ...range90, groups: [g.id] })));
    expect(sum(perGroup.map((s) => (s as Record<string, number>).total_volume!))).toBe(summary.total_volume);

    const tags = (await report({ type: "classifications", ...range90 })) as Array<{ classification_id: string; state: string; volume: number }>;
    for (const id of new Set(tags.map((t) => t.classification_id))) {
      const rows = tags.filter((t) => t.classification_id === id);
      expect(rows.find((r) => r.state === "all_states")!.volume).toBe(sum(rows.filter((r) => r.state !== "all_states").map((r) => r.volume)));
    }
  });

  it("keeps the NPS consistency rules", async () => {
    const nps = (await report({ type: "nps_summary", ...range90, form: npsForm() })) as Record<string, number>;
    expect(nps.total_promoters! + nps.total_passives! + nps.total_detractors!).toBe(nps.total_received);
    expect(nps.total_received).toBeLessThanOrEqual(nps.total_sent!);
    expect(nps.total_received).toBeLessThan(nps.total_sent!);
    expect(nps.total_promoters! * nps.total_passives! * nps.total_detractors!).toBeGreaterThan(0);
    const buckets = (await report({ type: "nps_volume", ...range90, form: npsForm() })) as Array<{ data: Record<string, number> }>;
    for (const key of ["total_sent", "total_received", "total_promoters", "total_passives", "total_detractors"]) {
      expect(sum(buckets.map((b) => b.data[key]!))).toBe(nps[key]);
    }
    const promoters = (await report({ type: "nps_summary", ...range90, form: npsForm(), nps_category: "promoters" })) as Record<string, number>;
    expect(promoters).toMatchObject({ total_sent: nps.total_sent, total_received: nps.total_promoters, total_passives: 0, total_detractors: 0 });
  });

  it("buckets: hourly under 96 hours, daily at 96", async () => {
    const hourly = (await report({ type: "case_volume", date_from: localDay(5, "00:00:00"), date_to: localDay(2, "23:59:59") })) as { open: Array<{ date_range: { date_from: string } }> };
    expect(hourly.open).toHaveLength(96);
    expect(hourly.open[0]!.date_range.date_from).toBe(`${localDay(5, "00:00:00").slice(0, 10)} 00:00`);
    const daily = (await report({ type: "case_volume", date_from: localDay(5, "00:00:00"), date_to: localDay(1, "00:00:00") })) as { open: Array<{ date_range: { date_from: string } }> };
    expect(daily.open).toHaveLength(5);
    expect(daily.open.every((b) => b.date_range.date_from.endsWith(" 00:00"))).toBe(true);
  });

  it.each([
    ["date_from in the future", () => ({ type: "summary", date_from: localDay(-2, "00:00:00"), date_to: localDay(-3, "00:00:00") })],
    ["a range of 12 months and one second", () => ({ type: "summary", date_from: "2025-11-01T00:00:00+11:00", date_to: "2026-11-01T00:00:01+11:00" })],
    ["a date without an offset", () => ({ type: "summary", date_from: "2026-11-01T00:00:00", date_to: range90.date_to })],
    ["a date-only value", () => ({ type: "summary", date_from: "2026-11-01", date_to: range90.date_to })],
    ["an unknown type", () => ({ type: "agent_volume", ...range90 })],
    ["a missing type", () => ({ ...range90 })],
    ["a users id that is not a UUID", () => ({ type: "summary", ...range90, users: ["42"] })],
    ["a users id that is a number", () => ({ type: "summary", ...range90, users: [42] })],
    ["an unknown groups id", () => ({ type: "summary", ...range90, groups: ["7d3c1a2b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"] })],
    ["NPS without form", () => ({ type: "nps_summary", ...range90 })],
    ["NPS with a form that is not NPS", () => ({ type: "nps_volume", ...range90, form: lists.forms.find((f) => f.nps === false)!.id })],
    ["a bad nps_category", () => ({ type: "nps_summary", ...range90, form: npsForm(), nps_category: "fans" })],
  ])("%s → 400 invalid_request", async (_name, body) => {
    const result = await call(server.port, "/api/v1/activity/reports", { method: "POST", token, body: body() });
    expect(result.status).toBe(400);
    expect(result.body.error?.code).toBe("invalid_request");
    expect(result.body.error?.message.length).toBeGreaterThan(10);
  });

  it("a body that is not JSON → 400 invalid_request", async () => {
    const result = await call(server.port, "/api/v1/activity/reports", { method: "POST", token, rawBody: "type=summary", headers: { "Content-Type": "text/plain" } });
    expect(result.status).toBe(400);
    expect(result.body.error?.code).toBe("invalid_request");
  });
});
