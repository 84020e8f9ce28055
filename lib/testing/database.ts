import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { accounts, users } from "@/db/schema";
import { attributeCatalogue } from "@/db/seed/catalogue";
import { attributes } from "@/db/schema";

/**
 * Integration tests: a migrated database for this file (in-memory PGlite, or the real Postgres
 * of DATABASE_URL), closed when the file ends.
 */
export function withTestDatabase() {
  beforeAll(async () => {
    await migrateDatabase();
  }, 180_000);
  afterAll(async () => {
    await closeDb();
  });
}

export interface TestAccount {
  accountId: string;
  admin: TestUser;
  marketer: TestUser;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: "admin" | "marketer";
  accountId: string;
  accountName: string;
}

/** A fresh account of its own for each test, with an admin, a marketer and the catalogue. */
export async function createTestAccount(options: { maxActiveTokens?: number; passwordHash?: string } = {}): Promise<TestAccount> {
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const name = `Test ${suffix}`;
  const [account] = await db
    .insert(accounts)
    .values({ slug: `test-${suffix}`, name, maxActiveTokens: options.maxActiveTokens ?? 5 })
    .returning({ id: accounts.id });
  const accountId = account!.id;
  await db.insert(attributes).values(attributeCatalogue.map(([key, displayName]) => ({ accountId, key, displayName })));
  const make = async (role: "admin" | "marketer"): Promise<TestUser> => {
    const email = `${role}-${suffix}@test.test`;
    const [row] = await db
      .insert(users)
      .values({ accountId, email, name: `${role} ${suffix}`, role, passwordHash: options.passwordHash ?? "not-a-hash" })
      .returning({ id: users.id });
    return { id: row!.id, email, name: `${role} ${suffix}`, role, accountId, accountName: name };
  };
  return { accountId, admin: await make("admin"), marketer: await make("marketer") };
}
