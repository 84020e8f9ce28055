import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { accounts, attributes, profiles, users } from "@/db/tables";
import { catalogueRows } from "@/lib/accounts/attribute-catalogue";
import { generateProfiles } from "./profiles";
import { demoAccounts, type DemoAccountSpec } from "./demo-accounts";
import { seedActivity } from "./insert-activity";
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
    await tx.insert(profiles).values(batch.map((profile) => ({ accountId, ...profile })));
  }
  await seedActivity(tx, accountId, spec, random, today);
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}
