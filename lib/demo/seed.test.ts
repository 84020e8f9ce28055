import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { accounts, activityObjects, attributes, cases, messages, profiles, surveySends, teamMembers, users } from "@/db/tables";
import { withTestDatabase } from "@/test/database";
import { demoAccounts, seedDemoData, type DemoAccountSpec } from "./index";

withTestDatabase();

// The demo accounts under other slugs and emails: a shared test database keeps its real demo
// users (with their real password) for the end-to-end run.
const run = Math.random().toString(36).slice(2, 8);
const specs: DemoAccountSpec[] = demoAccounts.map((spec) => ({
  ...spec,
  slug: `${spec.slug}-${run}`,
  users: spec.users.map((u) => ({ ...u, email: `${run}.${u.email}` })),
}));
const slug = (base: string) => `${base}-${run}`;

async function countFor(table: typeof profiles | typeof attributes | typeof cases | typeof messages | typeof teamMembers | typeof activityObjects | typeof surveySends, accountId: string) {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.accountId, accountId));
  return row!.n;
}

describe("seedDemoData (integration)", () => {
  it("creates the demo accounts once; a second run changes nothing", async () => {
    const db = getDb();
    const today = new Date("2026-11-28T00:00:00Z");
    await seedDemoData(db, { passwordHash: "hash", today }, specs);
    const again = await seedDemoData(db, { passwordHash: "hash", today }, specs);
    expect(again).toEqual([]);

    const rows = await db.select().from(accounts).where(eq(accounts.slug, slug("demo-retail")));
    expect(rows).toHaveLength(1);
    const demo = rows[0]!;
    expect(demo.name).toBe("Demo Retail");
    expect(demo.maxActiveTokens).toBe(5);

    const demoUsers = await db.select({ email: users.email, role: users.role }).from(users).where(eq(users.accountId, demo.id));
    expect(demoUsers).toEqual(
      expect.arrayContaining([
        { email: `${run}.admin@demo.test`, role: "admin" },
        { email: `${run}.marketer@demo.test`, role: "marketer" },
      ]),
    );
    const [other] = await db.select().from(accounts).where(eq(accounts.slug, slug("other-brand")));
    expect(other?.name).toBe("Other Brand");

    expect(await countFor(attributes, demo.id)).toBeGreaterThanOrEqual(38);
    expect(await countFor(profiles, demo.id)).toBe(demoAccounts[0]!.profileCount);
    expect(await countFor(teamMembers, demo.id)).toBe(12);
    expect(await countFor(cases, demo.id)).toBeGreaterThan(1000);
    expect(await countFor(messages, demo.id)).toBeGreaterThan(1000);
    expect(await countFor(activityObjects, demo.id)).toBeGreaterThan(3000);
    expect(await countFor(surveySends, demo.id)).toBeGreaterThan(300);

    // 90 days of activity, none of it in the future.
    const [span] = await db
      .select({ first: sql<string>`min(opened_at)`, last: sql<string>`max(opened_at)` })
      .from(cases)
      .where(eq(cases.accountId, demo.id));
    const days = (new Date(span!.last).getTime() - new Date(span!.first).getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(88);
    expect(new Date(span!.last).getTime()).toBeLessThan(today.getTime());
  }, 120_000);

  it("contains Jane Remington, found by any linking attribute", async () => {
    const db = getDb();
    const [demo] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, slug("demo-retail")));
    for (const probe of [{ email: "jane.remington@demo-retail.test" }, { customer_id: "C-00001" }]) {
      const found = await db
        .select({ attributes: profiles.attributes })
        .from(profiles)
        .where(sql`${profiles.accountId} = ${demo!.id} and ${profiles.attributes} @> ${JSON.stringify(probe)}::jsonb`);
      expect(found).toHaveLength(1);
      expect(found[0]!.attributes).toMatchObject({ first_name: "Jane", last_name: "Remington", loyalty_tier: "Gold", customer_id: "C-00001" });
    }
  });

  it("has Jane consent to every purpose, and Sam Okafor withdraw personalisation only", async () => {
    const db = getDb();
    const [demo] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, slug("demo-retail")));
    const consentOf = async (probe: Record<string, string>) =>
      db
        .select({ p: profiles.consentPersonalisation, s: profiles.consentService, a: profiles.consentAnalytics, attributes: profiles.attributes })
        .from(profiles)
        .where(sql`${profiles.accountId} = ${demo!.id} and ${profiles.attributes} @> ${JSON.stringify(probe)}::jsonb`);
    expect(await consentOf({ customer_id: "C-00001" })).toMatchObject([{ p: true, s: true, a: true }]);
    const sam = await consentOf({ email: "sam.okafor@demo-retail.test" });
    expect(sam).toMatchObject([{ p: false, s: true, a: true, attributes: { customer_id: "C-00002", first_name: "Sam", last_name: "Okafor" } }]);
    // Everyone else keeps the column default: consented.
    const [withdrawn] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(profiles)
      .where(sql`${profiles.accountId} = ${demo!.id} and not (${profiles.consentPersonalisation} and ${profiles.consentService} and ${profiles.consentAnalytics})`);
    expect(withdrawn!.n).toBe(1);
  });
});
