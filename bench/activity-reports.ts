/**
 * Server time of each Activity report over Demo Retail's seeded 90 days, and the plan of the
 * slowest. Not part of `npm run bench`: run it against a seeded database,
 *   DATABASE_URL=postgres://… npx tsx bench/activity-reports.ts
 */
import { eq, sql, type SQL } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { accounts } from "@/db/schema";
import { REPORT_TYPES, runReport } from "@/lib/activity/reports";

const RUNS = 15;

async function main() {
  const db = getDb();
  const [account] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, process.env.ACCOUNT_SLUG ?? "demo-retail"));
  if (!account) throw new Error("Seed the database first (npm run db:seed)");
  const [form] = (await db.execute(sql`select id from forms where account_id = ${account.id} and nps and not archived limit 1`)) as unknown as Array<{ id: string }>;
  // The statements each report runs, kept to EXPLAIN the slowest afterwards.
  const execute = db.execute.bind(db);
  let statements: SQL[] = [];
  (db as { execute: unknown }).execute = (query: SQL) => {
    statements.push(query);
    return execute(query);
  };

  const end = new Date();
  const body = (type: string) => ({
    type,
    date_from: new Date(end.getTime() - 90 * 86_400_000).toISOString(),
    date_to: end.toISOString(),
    ...(type.startsWith("nps") ? { form: form!.id } : {}),
  });
  const results: Array<{ type: string; median: number; max: number; statements: SQL[] }> = [];
  for (const type of REPORT_TYPES) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      statements = [];
      const started = performance.now();
      const result = await runReport(account.id, body(type));
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(`${type}: ${result.message}`);
    }
    times.sort((a, b) => a - b);
    results.push({ type, median: times[Math.floor(RUNS / 2)]!, max: times.at(-1)!, statements });
  }
  for (const r of results) console.log(`${r.type.padEnd(22)} median ${r.median.toFixed(1).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms`);
  const slowest = results.reduce((a, b) => (b.median > a.median ? b : a));
  console.log(`\nEXPLAIN ANALYZE, ${slowest.type} (its report statement):`);
  const plan = (await execute(sql`explain (analyze, buffers) ${slowest.statements.at(-1)!}`)) as unknown as Array<Record<string, string>>;
  for (const line of plan) console.log(Object.values(line)[0]);
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
