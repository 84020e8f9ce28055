import { describe, expect, it } from "vitest";
import { OBJECT_STATES } from "@/db/tables/respond";
import { planTeam } from "./activity";
import { createRandom } from "./random";
import { planRespond } from "./respond";

const today = new Date("2026-11-28T00:00:00Z");
function plan(seed = 42) {
  const random = createRandom(seed);
  const team = planTeam("demo-retail.test", 12, random, today);
  return { team, ...planRespond(team, 60, random, today) };
}

describe("planRespond (the demo's Respond activity)", () => {
  it("is the same for the same seed", () => {
    expect(JSON.stringify(plan())).toBe(JSON.stringify(plan()));
    expect(JSON.stringify(plan(1))).not.toBe(JSON.stringify(plan()));
  });

  it("has what every report needs", () => {
    const { conversations, sends } = plan();
    const objects = conversations.flatMap((c) => c.objects);
    expect(objects.length).toBeGreaterThan(3000);
    const days = new Set(objects.map((o) => o.receivedAt.toISOString().slice(0, 10)));
    expect(days.size).toBe(90);
    expect(objects.every((o) => o.receivedAt < today && (!o.respondedAt || o.respondedAt < today))).toBe(true);
    expect(new Set(objects.map((o) => o.state))).toEqual(new Set(OBJECT_STATES));
    expect(objects.filter((o) => o.state === "closed").length).toBeGreaterThan(objects.length / 2);
    const responded = objects.filter((o) => o.respondedAt);
    const seconds = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 1000;
    expect(responded.some((o) => seconds(o.receivedAt, o.respondedAt!) > 3600)).toBe(true);
    expect(responded.some((o) => seconds(o.assignedAt!, o.respondedAt!) > 900)).toBe(true);
    expect(responded.some((o) => o.respondedPrivately)).toBe(true);
    expect(objects.filter((o) => o.state === "new").every((o) => o.memberKey === null)).toBe(true);
    expect(responded.every((o) => o.memberKey !== null && o.assignedAt! <= o.respondedAt!)).toBe(true);
    expect(objects.some((o) => o.classifications.length === 2)).toBe(true);
    const cases = conversations.flatMap((c) => (c.case ? [c.case] : []));
    expect(cases.some((c) => c.closedAt)).toBe(true);
    expect(cases.some((c) => c.memberCount > 1 && c.replyCount > 2)).toBe(true);
    const scores = sends.flatMap((s) => (s.score === null ? [] : [s.score]));
    expect(scores.some((s) => s >= 9) && scores.some((s) => s === 7 || s === 8) && scores.some((s) => s <= 6)).toBe(true);
    expect(sends.some((s) => s.score === null)).toBe(true);
  });
});
