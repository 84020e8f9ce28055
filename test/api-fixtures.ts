import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, users } from "@/db/tables";
import { demoAccounts, seedDemoData, type DemoAccountSpec } from "@/lib/demo";
import type { Actor } from "@/lib/changes/record-change";
import { insertTokenWithinCap } from "@/lib/tokens/write/create-and-edit";
import { createTokenSchema, type CreateTokenInput } from "@/lib/tokens/schema";
import { generateToken } from "@/lib/tokens/secret";

/** A small copy of Demo Retail (own slug and emails): profiles with Jane, and Activity data. */
export async function seedApiAccount(): Promise<{ accountId: string; actor: Actor }> {
  const run = Math.random().toString(36).slice(2, 8);
  const spec: DemoAccountSpec = {
    ...demoAccounts[0]!,
    slug: `api-${run}`,
    name: `API ${run}`,
    profileCount: 40,
    teamSize: 5,
    users: [{ email: `admin.${run}@api.test`, name: `Api Admin ${run}`, role: "admin" }],
  };
  await seedDemoData(getDb(), { passwordHash: "unused" }, [spec]);
  // API tests issue many tokens; the cap is the console's concern and tested there.
  await getDb().update(accounts).set({ maxActiveTokens: 100 }).where(eq(accounts.slug, spec.slug));
  const [row] = await getDb()
    .select({ accountId: accounts.id, userId: users.id, name: users.name })
    .from(accounts)
    .innerJoin(users, eq(users.accountId, accounts.id))
    .where(eq(accounts.slug, spec.slug));
  return { accountId: row!.accountId, actor: { id: row!.userId, name: row!.name, accountId: row!.accountId, ip: "127.0.0.1" } };
}

/** Issues a token straight through the same query the console's action uses. */
export async function issueToken(actor: Actor, input: Omit<CreateTokenInput, "acceptTerms">) {
  const settings = createTokenSchema.parse({ ...input, acceptTerms: true });
  const secret = generateToken(settings.type);
  const outcome = await insertTokenWithinCap(actor, settings, secret);
  if (!outcome.ok) throw new Error("cap reached in test fixture");
  return { id: outcome.tokenId, token: secret.token };
}
