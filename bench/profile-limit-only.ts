/**
 * The daily-limit A/B of `npm run bench` (bench/profile-limit.ts) on its own, for checking it
 * without the whole benchmark: `npm run build`, then
 * `DATABASE_URL=postgres://…/postgres REDIS_URL=redis://… npx tsx bench/profile-limit-only.ts`.
 * Uses the database `hub_bench_limit` (dropped and created afresh) and port 3312.
 */
import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { recreateDatabase } from "./databases";
import { loadInRounds } from "./load";
import { dailyLimitOnVsOff, profileLimitScenarios } from "./profile-limit";
import type { Running } from "./processes";
import { createBenchAccount, settle } from "./seed";

async function main() {
  const running: Running[] = [];
  try {
    process.env.DATABASE_URL = await recreateDatabase(process.env.DATABASE_URL!, "hub_bench_limit");
    await migrateDatabase();
    const account = await createBenchAccount("limit");
    const scenarios = await profileLimitScenarios(account, 3312, running);
    await settle();
    const loads = await loadInRounds(scenarios);
    console.table(loads.map((l) => ({ scenario: l.name, "req/s": l.requestsPerSecond, rounds: l.rounds?.join(" "), "p99 ms": l.p99, "non-2xx": l.non2xx })));
    console.log({ dailyLimitOnVsOff: dailyLimitOnVsOff(loads) });
  } finally {
    for (const process of running) process.stop();
    await closeDb();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
