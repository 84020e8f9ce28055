import { eq, sql } from "drizzle-orm";
import { typeDefaults } from "@/lib/tokens/scopes";
import { getDb } from "@/db";
import { accounts, apiTokens, tokenEvents, users } from "@/db/tables";
import { demoAccounts, seedDemoData } from "@/lib/demo";
import { hashPassword } from "@/lib/auth/password";
import { chunk } from "@/lib/demo/random";
import { generateToken } from "@/lib/tokens/secret";

export const BENCH_PASSWORD = "bench-password-123";

export interface BenchAccount {
  accountId: string;
  userId: string;
  email: string;
}

/** A copy of Demo Retail (profiles, Jane, `teamSize` agents' activity) under its own slug and email, with no token cap. */
export async function createBenchAccount(tag: string, teamSize = 4): Promise<BenchAccount> {
  const slug = `bench-${tag}`;
  const email = `admin@${slug}.test`;
  await seedDemoData(getDb(), { passwordHash: await hashPassword(BENCH_PASSWORD) }, [
    { ...demoAccounts[0]!, slug, name: `Bench ${tag}`, users: [{ email, name: `Bench ${tag}`, role: "admin" }], teamSize },
  ]);
  const [row] = await getDb()
    .select({ accountId: accounts.id, userId: users.id })
    .from(accounts)
    .innerJoin(users, eq(users.accountId, accounts.id))
    .where(eq(accounts.slug, slug));
  await getDb().update(accounts).set({ maxActiveTokens: 10_000_000, rateLimitCeiling: 1_000_000_000 }).where(eq(accounts.id, row!.accountId));
  return { ...row!, email };
}

/** The bench's Profile Read tokens: linked on email, whitelisting loopback, no practical rate limit. */
export const PROFILE_TOKEN_SETTINGS = {
  type: "profile_read" as const,
  rateLimit: 1_000_000_000,
  ...typeDefaults("profile_read"),
  exposedAttributes: ["email", "first_name", "loyalty_tier"],
  linkingAttribute: "email",
};

/** Active Profile Read tokens with PROFILE_TOKEN_SETTINGS and `127.0.0.1` whitelisted. */
export async function insertProfileTokens(account: BenchAccount, count: number): Promise<Array<{ id: string; token: string }>> {
  const issued = Array.from({ length: count }, () => generateToken("profile_read"));
  const out: Array<{ id: string; token: string }> = [];
  for (const batch of chunk(issued, 1000)) {
    const rows = await getDb()
      .insert(apiTokens)
      .values(
        batch.map((secret, i) => ({
          ...PROFILE_TOKEN_SETTINGS,
          accountId: account.accountId,
          description: `bench ${out.length + i}`,
          secretHash: secret.hash,
          displayPrefix: secret.displayPrefix,
          ipAllowList: ["127.0.0.1"],
          createdById: account.userId,
        })),
      )
      .returning({ id: apiTokens.id });
    rows.forEach((r, i) => out.push({ id: r.id, token: batch[i]!.token }));
  }
  return out;
}

/** One Activity token with no practical rate limit and no IP whitelist. */
export async function insertActivityToken(account: BenchAccount): Promise<string> {
  const secret = generateToken("activity");
  await getDb()
    .insert(apiTokens)
    .values({
      accountId: account.accountId,
      type: "activity",
      ...typeDefaults("activity"),
      description: "bench reports",
      secretHash: secret.hash,
      displayPrefix: secret.displayPrefix,
      rateLimit: 1_000_000_000,
      createdById: account.userId,
    });
  return secret.token;
}

/** Revoked filler rows with random hashes, until the table holds `total` tokens. */
export async function fillTokensTo(account: BenchAccount, total: number): Promise<number> {
  const [{ n }] = (await getDb().select({ n: sql<number>`count(*)::int` }).from(apiTokens)) as [{ n: number }];
  const missing = Math.max(0, total - n);
  for (let done = 0; done < missing; done += 200_000) {
    const size = Math.min(200_000, missing - done);
    await getDb().execute(sql`
      insert into api_tokens (account_id, type, description, secret_hash, display_prefix, status, rate_limit, created_by_id, revoked_at)
      select ${account.accountId}, 'activity', 'filler', encode(sha256((random()::text || clock_timestamp()::text || g::text)::bytea), 'hex'),
             'hub_act_xxx', 'revoked', 600, ${account.userId}, now()
      from generate_series(1, ${size}) g`);
  }
  return missing;
}

/** Revoked tokens of one account (the console's list shows them all as Revoked). */
export async function insertRevoked(account: BenchAccount, count: number) {
  await getDb().execute(sql`
    insert into api_tokens (account_id, type, description, secret_hash, display_prefix, status, rate_limit, created_by_id, revoked_at)
    select ${account.accountId}, 'activity', 'Old integration ' || g, encode(sha256((random()::text || g::text)::bytea), 'hex'),
           'hub_act_old', 'revoked', 600, ${account.userId}, now()
    from generate_series(1, ${count}) g`);
}

/** History rows for one token, to render the History page under weight. */
export async function insertHistory(account: BenchAccount, tokenId: string, count: number) {
  await getDb().execute(sql`
    insert into ${tokenEvents} (token_id, account_id, actor_id, actor_name, action, changes, ip, created_at)
    select ${tokenId}, ${account.accountId}, ${account.userId}, 'Bench', 'edited',
           '[{"field":"Description","from":"a","to":"b"}]'::jsonb, '127.0.0.1', now() - (g || ' seconds')::interval
    from generate_series(1, ${count}) g`);
}

/** Fresh statistics and no dead rows, so autovacuum does not wake up in the middle of a load. */
export async function settle() {
  await getDb().execute(sql`vacuum analyze`);
}

export async function deleteBenchAccounts() {
  await getDb().delete(accounts).where(sql`${accounts.slug} like 'bench-%'`);
}
