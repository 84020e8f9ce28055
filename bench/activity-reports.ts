/**
 * Server time of each Activity report over Demo Retail's seeded 90 days, in process (no HTTP),
 * and the plan of the slowest. `npm run bench` measures the same through the API; this is the
 * quick look at one database:
 *   DATABASE_URL=postgres://… npx tsx bench/activity-reports.ts
 */
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { accounts } from "@/db/tables";
import { REPORT_TYPES, runReport } from "@/lib/activity/reports";
import { npsFormOf, planOfReport, reportBody } from "./report-plans";
import { median } from "./stats";

const RUNS = 15;

async function main() {
  const [account] = await getDb().select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, process.env.ACCOUNT_SLUG ?? "demo-retail"));
  if (!account) throw new Error("Seed the database first (npm run db:seed)");
  const form = await npsFormOf(account.id);
  const results: Array<{ type: string; median: number; max: number }> = [];
  for (const type of REPORT_TYPES) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const result = await runReport(account.id, reportBody(type, form));
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(`${type}: ${result.message}`);
    }
    // Unrounded: a report takes a few milliseconds, printed to a tenth.
    results.push({ type, median: median(times), max: Math.max(...times) });
  }
  for (const r of results) console.log(`${r.type.padEnd(22)} median ${r.median.toFixed(1).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms`);
  const slowest = results.reduce((a, b) => (b.median > a.median ? b : a));
  console.log(`\nEXPLAIN ANALYZE, ${slowest.type} (its report statement):`);
  for (const line of await planOfReport(account.id, reportBody(slowest.type, form))) console.log(line);
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
