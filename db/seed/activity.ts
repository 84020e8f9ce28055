import type { Random } from "./random";

export interface ActivityPlan {
  members: Array<{ key: string; email: string; firstName: string; lastName: string; timezone: string; archived: boolean; groups: string[] }>;
  groups: string[];
  forms: string[];
  cases: Array<{ memberKey: string; group: string; form: string; openedAt: Date; closedAt: Date | null;
    messages: Array<{ sentAt: Date; responseSeconds: number }> }>;
}

const teamNames: Array<[string, string]> = [
  ["Priya", "Shah"], ["Tom", "Becker"], ["Alice", "Nguyen"], ["Marco", "Rossi"], ["Hannah", "Lee"],
  ["Sam", "O'Brien"], ["Fatima", "Khan"], ["Ben", "Carter"], ["Lucy", "Zhang"], ["Daniel", "Moore"],
  ["Eva", "Novak"], ["Josh", "Miller"],
];
const timezones = ["Australia/Melbourne", "Australia/Sydney", "Australia/Perth", "Pacific/Auckland"];

/** 90 days of cases and replies for a support team, ending the day before `today`. */
export function planActivity(domain: string, memberCount: number, random: Random, today: Date): ActivityPlan {
  const groups = ["Customer Care", "Online Orders", "Escalations", "VIP Concierge"];
  const forms = ["Order enquiry", "Returns and refunds", "Complaint", "Product question", "Loyalty program"];
  const members = teamNames.slice(0, memberCount).map(([firstName, lastName], i) => ({
    key: `m${i}`,
    email: `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, "") + `@${domain}`,
    firstName,
    lastName,
    timezone: timezones[i % timezones.length] as string,
    archived: i === memberCount - 1,
    groups: [groups[i % groups.length] as string, ...(i % 3 === 0 ? [groups[(i + 1) % groups.length] as string] : [])],
  }));

  const startOfToday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const cases: ActivityPlan["cases"] = [];
  for (let day = 90; day >= 1; day--) {
    const dayStart = startOfToday - day * 86_400_000;
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay());
    const perDay = weekend ? random.int(4, 10) : random.int(14, 30);
    for (let c = 0; c < perDay; c++) {
      const member = random.pick(members);
      const openedAt = new Date(dayStart + random.int(0, 86_399) * 1000);
      const messages: ActivityPlan["cases"][number]["messages"] = [];
      let at = openedAt.getTime();
      for (let m = random.int(1, 4); m > 0; m--) {
        const responseSeconds = random.int(60, 4 * 3600);
        at += responseSeconds * 1000;
        messages.push({ sentAt: new Date(at), responseSeconds });
      }
      const closed = day > 2 || random.chance(0.5);
      cases.push({
        memberKey: member.key,
        group: random.pick(member.groups),
        form: random.pick(forms),
        openedAt,
        closedAt: closed ? new Date(at + random.int(60, 3600) * 1000) : null,
        messages,
      });
    }
  }
  return { members, groups, forms, cases };
}
