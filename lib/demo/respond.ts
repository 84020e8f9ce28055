import { CLOSED_STATES, type ObjectState } from "@/db/tables/respond";
import type { TeamPlan } from "./activity";
import type { Random } from "./random";

export interface PlannedObject {
  group: string;
  memberKey: string | null;
  receivedAt: Date;
  assignedAt: Date | null;
  respondedAt: Date | null;
  respondedPrivately: boolean;
  state: ObjectState;
  classifications: number[];
}
export interface PlannedCase {
  memberKey: string;
  group: string;
  openedAt: Date;
  firstReplyAt: Date;
  lastReplyAt: Date;
  replyCount: number;
  memberCount: number;
  closedAt: Date | null;
}
/** One customer's exchange: its inbound objects, and the case once a member replied. */
export interface Conversation {
  objects: PlannedObject[];
  case: PlannedCase | null;
}
export interface PlannedSend {
  form: string;
  memberKey: string;
  group: string;
  sentAt: Date;
  score: number | null;
  answeredAt: Date | null;
}

const DAY = 86_400_000;
const closedStates: readonly string[] = CLOSED_STATES;
// Relative traffic per local hour (the demo teams work Australian business hours, UTC+10).
const hourWeights = [1, 1, 1, 1, 1, 1, 2, 4, 7, 9, 9, 8, 7, 8, 9, 8, 7, 5, 4, 4, 3, 3, 2, 1];
const hourTotal = hourWeights.reduce((a, b) => a + b, 0);

function pickHour(random: Random): number {
  let n = random.next() * hourTotal;
  for (let h = 0; h < 24; h++) {
    n -= hourWeights[h]!;
    if (n < 0) return (h + 14) % 24; // local hour h is UTC hour h − 10
  }
  return 0;
}

interface Context {
  team: TeamPlan;
  random: Random;
  /** Start of the seeding day: nothing happens from here on. */
  end: number;
  day: number;
}

/** Who can take an object on a given day: the archived member left halfway through the period. */
const activeMembers = (ctx: Context) => ctx.team.members.filter((m) => !m.archived || ctx.day > 45);

function pickClassifications(random: Random, count: number): number[] {
  if (!random.chance(0.33)) return [];
  const first = random.int(0, count - 1);
  return random.chance(0.25) ? [first, (first + random.int(1, count - 1)) % count] : [first];
}

/** One inbound object's path through the workflow; `recent` objects may still be open. */
function planObject(ctx: Context, group: string, memberKey: string, receivedAt: number): PlannedObject {
  const { random } = ctx;
  const recent = ctx.end - receivedAt < 3 * DAY;
  const base = { group, receivedAt: new Date(receivedAt), respondedPrivately: false, classifications: pickClassifications(random, ctx.team.classifications.length) };
  const assignedAt = receivedAt + (random.chance(0.1) ? random.int(1800, 4 * 3600) : random.int(20, 1800)) * 1000;
  if (random.chance(recent ? 0.2 : 0.04) || assignedAt >= ctx.end) {
    const state = recent ? "new" : random.pick(["irrelevant", "duplicate"] as const);
    return { ...base, memberKey: null, assignedAt: null, respondedAt: null, state };
  }
  const respondedAt = assignedAt + (random.chance(0.15) ? random.int(900, 3600) : random.int(30, 900)) * 1000;
  if (random.chance(0.22) || respondedAt >= ctx.end) {
    const open = recent && random.chance(0.7);
    const state = open ? random.pick(["assigned", "in_progress", "awaiting_approval"] as const) : random.pick(["duplicate", "irrelevant", "redirected", "no_response_required"] as const);
    return { ...base, memberKey, assignedAt: new Date(assignedAt), respondedAt: null, state };
  }
  const state = recent && random.chance(0.5) ? "responded" : random.chance(0.97) ? "closed" : "redirected";
  return { ...base, memberKey, assignedAt: new Date(assignedAt), respondedAt: new Date(respondedAt), respondedPrivately: random.chance(0.2), state };
}

function planConversation(ctx: Context, receivedAt: number): Conversation {
  const { random } = ctx;
  const members = activeMembers(ctx);
  const first = random.pick(members);
  const group = random.pick(first.groups);
  const objects = [planObject(ctx, group, first.key, receivedAt)];
  // Follow-ups: the customer writes again after a reply, sometimes to another member of the team.
  while (objects.length < 4 && objects.at(-1)!.respondedAt && random.chance(0.35)) {
    const next = objects.at(-1)!.respondedAt!.getTime() + random.int(600, 6 * 3600) * 1000;
    if (next >= ctx.end) break;
    const colleagues = members.filter((m) => m.groups.includes(group));
    const member = random.chance(0.7) ? first : random.pick(colleagues.length > 0 ? colleagues : members);
    objects.push(planObject(ctx, group, member.key, next));
  }
  return { objects, case: planCase(ctx, objects) };
}

function planCase(ctx: Context, objects: PlannedObject[]): PlannedCase | null {
  const replied = objects.filter((o) => o.respondedAt);
  if (!objects[0]!.respondedAt || replied.length === 0) return null;
  const lastReplyAt = replied.at(-1)!.respondedAt!;
  const lastMessage = Math.max(lastReplyAt.getTime(), objects.at(-1)!.receivedAt.getTime());
  // Closed 24 hours after the last message, once every object in it is closed.
  const closedAt = lastMessage + DAY;
  const closed = objects.every((o) => closedStates.includes(o.state)) && closedAt < ctx.end;
  return {
    memberKey: objects[0]!.memberKey!,
    group: objects[0]!.group,
    openedAt: objects[0]!.receivedAt,
    firstReplyAt: objects[0]!.respondedAt,
    lastReplyAt,
    replyCount: replied.length,
    memberCount: new Set(replied.map((o) => o.memberKey)).size,
    closedAt: closed ? new Date(closedAt) : null,
  };
}

function planSends(ctx: Context, dayStart: number, form: string, perWeekday: number): PlannedSend[] {
  const { random } = ctx;
  const sends: PlannedSend[] = [];
  // About one send for every ten inbound objects, and at least one every weekday.
  for (let n = random.int(Math.max(1, Math.round(perWeekday / 15)), Math.max(2, Math.round(perWeekday / 6))); n > 0; n--) {
    const member = random.pick(activeMembers(ctx));
    const sentAt = dayStart + pickHour(random) * 3600_000 + random.int(0, 3599) * 1000;
    const answeredAt = sentAt + random.int(300, 36 * 3600) * 1000;
    const answered = random.chance(0.65) && answeredAt < ctx.end;
    const category = random.next();
    const score = category < 0.5 ? random.int(9, 10) : category < 0.75 ? random.int(7, 8) : random.int(0, 6);
    sends.push({ form, memberKey: member.key, group: random.pick(member.groups), sentAt: new Date(sentAt), score: answered ? score : null, answeredAt: answered ? new Date(answeredAt) : null });
  }
  return sends;
}

/**
 * 90 days of inbound objects, cases and NPS sends, up to the day before `today`: every day has
 * traffic (less at weekends), following the team's business hours.
 */
export function planRespond(team: TeamPlan, perWeekday: number, random: Random, today: Date) {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const nps = team.forms.filter((f) => f.nps);
  const conversations: Conversation[] = [];
  const sends: PlannedSend[] = [];
  for (let day = 90; day >= 1; day--) {
    const ctx: Context = { team, random, end, day };
    const dayStart = end - day * DAY;
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay());
    const target = Math.max(2, Math.round(perWeekday * (weekend ? 0.3 : random.int(75, 125) / 100)));
    let objects = 0;
    while (objects < target) {
      const conversation = planConversation(ctx, dayStart + pickHour(random) * 3600_000 + random.int(0, 3599) * 1000);
      objects += conversation.objects.length;
      conversations.push(conversation);
    }
    if (!weekend) sends.push(...planSends(ctx, dayStart, nps[0]!.name, perWeekday));
    // The retired survey kept a trickle of sends in the first weeks.
    if (nps[1] && day > 60 && random.chance(0.5)) sends.push(...planSends(ctx, dayStart, nps[1].name, perWeekday).slice(0, 2));
  }
  return { conversations, sends };
}
