/**
 * The quick look at what a Profile Read request costs, without the full `npm run bench` (no
 * 1M-row copy, no pages): bare Node, /api/v1/live, warm, cold and no-caches lookups on the
 * built server, in CPU per request against bare Node, then each at a fixed rate (half its
 * saturated throughput, open loop). Its own database (hub_bench_cost) and ports (3320-3324).
 *   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres BENCH_ROUNDS=1 \
 *     npx tsx --conditions=react-server bench/cost.ts
 * BENCH_COST_PROFILE=<dir>: the warm instance runs under `node --cpu-prof` and leaves its
 * profile there. BENCH_COST_REPORTS=1: the Activity reports at 10 clients as well, with the report cache on and off.
 */
import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { recreateDatabase } from "./databases";
import { atHalfSaturation } from "./fixed-rate";
import { cpuEfficiency, loadInRounds } from "./load";
import { answerOf, startApp, startBareServer, type Running } from "./processes";
import { measureReports } from "./reports";
import { createBenchAccount, insertProfileTokens, settle } from "./seed";

const JANE = "/api/v1/profile?email=jane.remington%40demo-retail.test";

async function main() {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error("Set DATABASE_URL to a local Postgres server");
  const running: Running[] = [];
  try {
    process.env.DATABASE_URL = await recreateDatabase(server, "hub_bench_cost");
    await migrateDatabase();
    console.log("seeding…");
    const account = await createBenchAccount("api");
    const [warm] = await insertProfileTokens(account, 1);
    const cold = (await insertProfileTokens(account, 999)).map((t) => t.token);
    await settle();
    const profile = process.env.BENCH_COST_PROFILE;
    const app = await startApp(3321, {}, undefined, profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []);
    running.push(app);
    const uncached = await startApp(3322, { TOKEN_CACHE_TTL_MS: "0" });
    running.push(uncached);
    const noCaches = await startApp(3323, { TOKEN_CACHE_TTL_MS: "0", PROFILE_CACHE_TTL_MS: "0" });
    running.push(noCaches);
    const answer = await answerOf(`${app.url}${JANE}`, warm!.token);
    const bare = await startBareServer(3320, answer.body, answer.headers);
    running.push(bare);

    const loads = await loadInRounds([
      { name: "bare Node http", url: `${bare.url}/` },
      { name: "/api/v1/live", url: `${app.url}/api/v1/live` },
      { name: "warm", url: `${app.url}${JANE}`, options: { token: warm!.token } },
      { name: "cold", url: `${uncached.url}${JANE}`, options: { tokens: cold } },
      { name: "no caches", url: `${noCaches.url}${JANE}`, options: { tokens: cold } },
    ]);
    const bareLoad = loads[0]!;
    console.table(
      loads.map((l) => ({
        scenario: l.name,
        "req/s": l.requestsPerSecond,
        "p99 ms": l.p99,
        "server µs/req": l.cpuUsPerRequest,
        "CPU eff. vs bare": cpuEfficiency(l, bareLoad),
        "server cores": l.serverCores,
        "generator share": l.generatorCpuShare,
        "non-2xx": l.non2xx,
        errors: l.errors,
      })),
    );
    const fixed = [
      await atHalfSaturation("warm", `${app.url}${JANE}`, loads[2]!.requestsPerSecond, { token: warm!.token }, bare.url),
      await atHalfSaturation("cold", `${uncached.url}${JANE}`, loads[3]!.requestsPerSecond, { tokens: cold }, bare.url),
      await atHalfSaturation("no caches", `${noCaches.url}${JANE}`, loads[4]!.requestsPerSecond, { tokens: cold }, bare.url),
    ];
    console.table(fixed);
    if (process.env.BENCH_COST_REPORTS) {
      const reportsOff = await startApp(3324, { REPORT_CACHE_TTL_MS: "0" });
      running.push(reportsOff);
      const reports = await measureReports(app, reportsOff);
      console.log("Activity reports at 10 clients, report cache on:");
      console.table(reports.timings);
      console.log("and off (REPORT_CACHE_TTL_MS=0):");
      console.table(reports.cacheOff);
    }
  } finally {
    await Promise.all(running.map((r) => r.stop()));
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
