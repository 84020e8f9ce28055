import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { accounts, attributes, users } from "@/db/tables";
import { catalogueRows } from "@/lib/accounts/attribute-catalogue";
import type { CurrentUser, Role } from "@/lib/auth/queries";

/** A test user is what the session would hold for them. */
export type TestUser = CurrentUser;

export interface TestAccount {
  accountId: string;
  slug: string;
  admin: TestUser;
  marketer: TestUser;
}

/** An account of its own, with an admin, a marketer and the demo attribute catalogue. */
export async function createTestAccount(
  options: { slug?: string; maxActiveTokens?: number; passwordHash?: string } = {},
): Promise<TestAccount> {
  const db = getDb();
  const slug = options.slug ?? `test-${randomUUID().slice(0, 8)}`;
  const name = `Test ${slug}`;
  const [account] = await db
    .insert(accounts)
    .values({ slug, name, maxActiveTokens: options.maxActiveTokens ?? 5 })
    .returning({ id: accounts.id });
  const accountId = account!.id;
  await db.insert(attributes).values(catalogueRows(accountId));
  const make = async (role: Role): Promise<TestUser> => {
    const email = `${role}@${slug}.test`;
    const userName = `${role === "admin" ? "Ada" : "Max"} ${slug}`;
    const [row] = await db
      .insert(users)
      .values({ accountId, email, name: userName, role, passwordHash: options.passwordHash ?? "not-a-hash" })
      .returning({ id: users.id });
    return { id: row!.id, email, name: userName, role, accountId, accountName: name };
  };
  return { accountId, slug, admin: await make("admin"), marketer: await make("marketer") };
}
