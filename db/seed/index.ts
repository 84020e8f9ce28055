import { eq } from "drizzle-orm";
import type { Db, Tx } from "../index";
import { accounts, attributes, cases, forms, messages, profiles, teamGroups, teamMemberGroups, teamMembers, users } from "../schema";
import { planActivity } from "./activity";
import { catalogueRows } from "./catalogue";
import { generateProfiles } from "./profiles";
import { demoAccounts, type DemoAccountSpec } from "./demo-accounts";
import { chunk, createRandom } from "./random";

export { DEMO_PASSWORD, demoAccounts, type DemoAccountSpec } from "./demo-accounts";

export interface SeedOptions {
  /** Already hashed: the db layer never sees a plaintext password. */
  passwordHash: string;
  today?: Date;
}

/**
 * Creates the demo accounts that do not exist yet. Each account is written in one transaction,
 * so a crash never leaves half an account, and running the seed again changes nothing.
 */
export async function seedDemoData(db: Db, options: SeedOptions, specs: DemoAccountSpec[] = demoAccounts): Promise<string[]> {
  const created: string[] = [];
  for (const spec of specs) {
    const existing = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, spec.slug));
    if (existing.length > 0) continue;
    await db.transaction((tx) => seedAccount(tx, spec, options));
    created.push(spec.name);
  }
  return created;
}

async function seedAccount(tx: Tx, spec: DemoAccountSpec, options: SeedOptions): Promise<void> {
  const today = options.today ?? new Date();
  const random = createRandom(hashSeed(spec.slug));
  const [account] = await tx.insert(accounts).values({ slug: spec.slug, name: spec.name }).returning({ id: accounts.id });
  const accountId = account!.id;

  await tx.insert(users).values(
    spec.users.map((u) => ({ accountId, email: u.email, name: u.name, role: u.role, passwordHash: options.passwordHash })),
  );
  await tx.insert(attributes).values(catalogueRows(accountId));
  for (const batch of chunk(generateProfiles(spec.profileCount, spec.domain, random, today), 500)) {
    await tx.insert(profiles).values(batch.map((attrs) => ({ accountId, attributes: attrs })));
  }
  await seedActivity(tx, accountId, spec, random, today);
}

async function seedActivity(tx: Tx, accountId: string, spec: DemoAccountSpec, random: ReturnType<typeof createRandom>, today: Date) {
  const plan = planActivity(spec.domain, spec.teamSize, random, today);
  const groupRows = await tx.insert(teamGroups).values(plan.groups.map((name) => ({ accountId, name }))).returning();
  const formRows = await tx.insert(forms).values(plan.forms.map((name) => ({ accountId, name }))).returning();
  const memberRows = await tx
    .insert(teamMembers)
    .values(plan.members.map(({ key: _key, groups: _groups, ...m }) => ({ accountId, ...m })))
    .returning();
  const groupId = new Map(groupRows.map((g) => [g.name, g.id]));
  const formId = new Map(formRows.map((f) => [f.name, f.id]));
  const memberId = new Map(plan.members.map((m, i) => [m.key, memberRows[i]!.id]));

  await tx.insert(teamMemberGroups).values(
    plan.members.flatMap((m) => m.groups.map((g) => ({ memberId: memberId.get(m.key)!, groupId: groupId.get(g)! }))),
  );
  for (const batch of chunk(plan.cases, 500)) {
    const caseRows = await tx
      .insert(cases)
      .values(batch.map((c) => ({
        accountId,
        memberId: memberId.get(c.memberKey)!,
        groupId: groupId.get(c.group)!,
        formId: formId.get(c.form)!,
        openedAt: c.openedAt,
        closedAt: c.closedAt,
      })))
      .returning({ id: cases.id });
    const messageRows = batch.flatMap((c, i) =>
      c.messages.map((m) => ({ accountId, caseId: caseRows[i]!.id, memberId: memberId.get(c.memberKey)!, ...m })),
    );
    for (const part of chunk(messageRows, 1000)) await tx.insert(messages).values(part);
  }
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}
