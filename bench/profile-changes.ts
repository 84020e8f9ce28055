import postgres from "postgres";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Running } from "./processes";
import { medianAndMax } from "./stats";
import type { BenchAccount } from "./seed";

/**
 * Profiles with generated attributes until the account holds `total` (one statement per
 * 200,000 rows, in SQL: bounded time). A statement of that size makes the trigger send one
 * "forget this account" notification, not one per row.
 */
export async function fillProfilesTo(account: BenchAccount, total: number): Promise<number> {
  const [{ n }] = (await getDb().select({ n: sql<number>`count(*)::int` }).from(sql`profiles`).where(sql`account_id = ${account.accountId}`)) as [{ n: number }];
  const missing = Math.max(0, total - n);
  for (let done = 0; done < missing; done += 200_000) {
    const size = Math.min(200_000, missing - done);
    await getDb().execute(sql`
      insert into profiles (account_id, attributes)
      select ${account.accountId}, jsonb_build_object('email', 'filler.' || ${done} + g || '@bench.test', 'customer_id', 'F-' || ${done} + g,
             'first_name', 'Filler', 'last_name', 'No ' || g, 'loyalty_tier', 'Bronze', 'lifetime_value', g % 5000)
      from generate_series(1, ${size}) g`);
  }
  return missing;
}

/**
 * How long a profile changed in SQL outside the app (a separate connection, as psql) takes to
 * be served changed by every one of `instances`: 20 updates, each timed until the last instance
 * answers with the new value, having answered the old one from its cache just before.
 */
export async function measureProfileChanges(databaseUrl: string, instances: Running[], path: string, token: string, accountId: string) {
  const psql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const firstName = (instance: Running) =>
    fetch(`${instance.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.json() as Promise<{ data?: { first_name?: string } }>)
      .then((body) => body.data?.first_name);
  const times: number[] = [];
  try {
    for (let i = 0; i < 20; i++) {
      const name = `Jane ${i}`;
      for (const instance of instances) await firstName(instance); // cached before the change
      const started = performance.now();
      await psql`update profiles set attributes = attributes || ${psql.json({ first_name: name })}
                 where account_id = ${accountId} and attributes @> '{"email":"jane.remington@demo-retail.test"}'`;
      await Promise.all(
        instances.map(async (instance) => {
          while ((await firstName(instance)) !== name) {
            if (performance.now() - started > 5_000) throw new Error("a profile change did not arrive within 5 s");
          }
        }),
      );
      times.push(performance.now() - started);
    }
    await psql`update profiles set attributes = attributes || '{"first_name":"Jane"}'
               where account_id = ${accountId} and attributes @> '{"email":"jane.remington@demo-retail.test"}'`;
  } finally {
    await psql.end();
  }
  return medianAndMax(times);
}
