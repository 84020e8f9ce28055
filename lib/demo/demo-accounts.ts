/**
 * The demo accounts and their users: plain data, so the seed, the dev server's welcome and the
 * end-to-end tests share one definition.
 */
export interface DemoAccountSpec {
  slug: string;
  name: string;
  domain: string;
  users: Array<{ email: string; name: string; role: "admin" | "marketer" }>;
  profileCount: number;
  teamSize: number;
  /** Inbound objects on an average weekday (weekends see about a third). */
  objectsPerWeekday: number;
}

/** The demo users' password, in development and tests only (production seeds need HUB_DEMO_PASSWORD). */
export const DEMO_PASSWORD = "demo-password";

export const demoAccounts: DemoAccountSpec[] = [
  {
    slug: "demo-retail",
    name: "Demo Retail",
    domain: "demo-retail.test",
    users: [
      { email: "admin@demo.test", name: "Alex Admin", role: "admin" },
      { email: "marketer@demo.test", name: "Morgan Marketer", role: "marketer" },
    ],
    profileCount: 3000,
    teamSize: 12,
    objectsPerWeekday: 60,
  },
  {
    slug: "other-brand",
    name: "Other Brand",
    domain: "other-brand.test",
    users: [{ email: "admin@other.test", name: "Olive Other", role: "admin" }],
    profileCount: 200,
    teamSize: 4,
    objectsPerWeekday: 14,
  },
];

