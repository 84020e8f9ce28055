import type { Random } from "./random";

export interface TeamPlan {
  members: Array<{
    key: string;
    email: string;
    firstName: string;
    lastName: string;
    timezone: string;
    archived: boolean;
    signInCount: number;
    lastSignInAt: Date | null;
    groups: string[];
  }>;
  groups: Array<{ name: string; comment: string }>;
  forms: Array<{ name: string; title: string; nps: boolean; archived: boolean; createdAt: Date; formUrl: string; groups: string[] }>;
  classifications: string[];
}

const teamNames: Array<[string, string]> = [
  ["Priya", "Shah"], ["Tom", "Becker"], ["Alice", "Nguyen"], ["Marco", "Rossi"], ["Hannah", "Lee"],
  ["Sam", "O'Brien"], ["Fatima", "Khan"], ["Ben", "Carter"], ["Lucy", "Zhang"], ["Daniel", "Moore"],
  ["Eva", "Novak"], ["Josh", "Miller"],
];
const timezones = ["Australia/Melbourne", "Australia/Sydney", "Australia/Perth", "Pacific/Auckland", "Asia/Kolkata"];
const groups = [
  { name: "Customer Care", comment: "Front line: every channel, every customer." },
  { name: "Online Orders", comment: "Deliveries, payments and order changes." },
  { name: "Escalations", comment: "Complaints and anything a team lead must see." },
  { name: "VIP Concierge", comment: "" },
];
const forms: Array<[string, string, boolean, boolean]> = [
  ["Order enquiry", "Tell us about your order", false, false],
  ["Returns and refunds", "Start a return", false, false],
  ["Complaint", "We are sorry: what went wrong?", false, false],
  ["Product question", "Ask about a product", false, false],
  ["Loyalty program", "Join our loyalty program", false, true],
  ["Customer NPS", "How likely are you to recommend us to a friend?", true, false],
  ["Post-chat NPS (2025)", "How did we do today?", true, true],
];
const classifications = ["Delivery", "Refund", "Product quality", "Account", "Complaint", "Praise"];

const DAY = 86_400_000;

/** The team the activity is handled by: members in groups, forms, classifications. */
export function planTeam(domain: string, memberCount: number, random: Random, today: Date): TeamPlan {
  const names = groups.map((g) => g.name);
  const members = teamNames.slice(0, memberCount).map(([firstName, lastName], i) => {
    // The first member has never signed in, so a null last sign-in shows up in the lists.
    const signInCount = i === 0 ? 0 : random.int(3, 400);
    return {
      key: `m${i}`,
      email: `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, "") + `@${domain}`,
      firstName,
      lastName,
      timezone: timezones[i % timezones.length] as string,
      archived: i === memberCount - 1,
      signInCount,
      lastSignInAt: signInCount === 0 ? null : new Date(today.getTime() - random.int(600, 20 * 86_400) * 1000),
      groups: [names[i % names.length] as string, ...(i % 3 === 0 ? [names[(i + 1) % names.length] as string] : [])],
    };
  });
  const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-$/, "");
  return {
    members,
    groups,
    forms: forms.map(([name, title, nps, archived], i) => ({
      name,
      title,
      nps,
      archived,
      createdAt: new Date(today.getTime() - (400 - i * 30) * DAY),
      formUrl: `https://forms.${domain}/${slug(name)}`,
      groups: i % 2 === 0 ? names : [names[i % names.length] as string],
    })),
    classifications,
  };
}
