import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { markTokenRevoked } from "@/lib/tokens/lifecycle-queries";
import { generateToken } from "@/lib/tokens/secret";
import { recreateDatabase, usingDatabase } from "./databases";
import { CONNECTIONS, DURATION_SECONDS, loadInRounds, ratio, ROUNDS, type LoadResult } from "./load";
import { signInOverHttp, timePage, type PageTiming } from "./pages";
import { CEILING_PATH, startApp, startBareServer, type Running } from "./processes";
import { measureLeakReports } from "./leak-report";
import { measureReports } from "./reports";
import { BENCH_PASSWORD, createBenchAccount, fillTokensTo, insertHistory, insertProfileTokens, insertRevoked, PROFILE_TOKEN_SETTINGS, settle } from "./seed";

const JANE_QUERY = "?email=jane.remington%40demo-retail.test";
const JANE = `/api/v1/profile${JANE_QUERY}`;

export async function runBench(server: string) {
  const running: Running[] = [];
  try {
    const url1k = await recreateDatabase(server, "hub_bench");
    process.env.DATABASE_URL = url1k;
    await migrateDatabase();
    console.log("seeding…");
    const account = await createBenchAccount("api");
    const [warm] = await insertProfileTokens(account, 1);
    const cold = await insertProfileTokens(account, 999); // the table now holds 1,000 tokens
    await settle();
    // A copy with the token table filled to 1,000,000 rows: the same tokens, profiles and plans,
    // so 1k and 1M can be measured side by side in the same rounds.
    console.log("copying it and filling the copy's token table to 1,000,000 rows…");
    await closeDb();
    const url1M = await recreateDatabase(server, "hub_bench_1m", "hub_bench");
    await usingDatabase(url1M, async () => {
      await fillTokensTo(account, 1_000_000);
      await settle();
    });

    // The ceiling route runs the same Profile Read handler as if authenticated with this token.
    const app = await startApp(3301, {}, { ...PROFILE_TOKEN_SETTINGS, id: warm!.id, accountId: account.accountId, status: "active", ipAllowList: [] });
    running.push(app);
    // The same build with the token cache off: every request looks its token up in Postgres.
    const uncached = await startApp(3302, { TOKEN_CACHE_TTL_MS: "0" });
    running.push(uncached);
    const app1M = await startApp(3303, { DATABASE_URL: url1M });
    running.push(app1M);
    const uncached1M = await startApp(3304, { DATABASE_URL: url1M, TOKEN_CACHE_TTL_MS: "0" });
    running.push(uncached1M);
    // Next.js under load leaves work behind (GC, caches) that would slow whatever that
    // process serves next, so its route is measured on an instance of its own.
    const nextApp = await startApp(3305);
    running.push(nextApp);
    // Under a forged-token flood: its client IP soon spends its failed-auth budget, so this
    // instance counts in memory (no REDIS_URL) to keep that IP's 429s off the other instances.
    const flooded = await startApp(3306, { REDIS_URL: "" });
    running.push(flooded);
    const forged = Array.from({ length: 10_000 }, () => generateToken("profile_read").token);
    const body = await (await fetch(`${app.url}${JANE}`, { headers: { authorization: `Bearer ${warm!.token}` } })).text();
    const bare = await startBareServer(3300, body);
    running.push(bare);

    const warmLookup = (name: string, instance: Running) => ({ name, url: `${instance.url}${JANE}`, options: { token: warm!.token } });
    const coldLookup = (name: string, instance: Running) => ({ name, url: `${instance.url}${JANE}`, options: { tokens: cold.map((t) => t.token) } });
    const loads = await loadInRounds([
      { name: "bare Node http (physical ceiling)", url: `${bare.url}/` },
      { name: "app /api/v1/live: no auth, no database", url: `${app.url}/api/v1/live` },
      { name: "Next.js route handler /api/ready (select 1)", url: `${nextApp.url}/api/ready` },
      { name: "profile lookup, no auth (app ceiling)", url: `${app.url}${CEILING_PATH}${JANE_QUERY}` },
      warmLookup("profile lookup, warm cache (1k tokens)", app),
      coldLookup("profile lookup, cold: DB per request (1k tokens)", uncached),
      warmLookup("profile lookup, warm cache (1M tokens)", app1M),
      coldLookup("profile lookup, cold: DB per request (1M tokens)", uncached1M),
      {
        ...warmLookup("profile lookup, warm cache, under a forged-token flood (1k tokens)", flooded),
        alongside: { name: "forged-token flood", url: `${flooded.url}${JANE}`, options: { tokens: forged } },
      },
      // The same two loads with the second one legitimate: what sharing 2 cores with 50 more
      // connections costs anyway, so the flood's own cost can be told apart from it.
      {
        ...warmLookup("profile lookup, warm cache, beside an equal valid-token load (1k tokens)", flooded),
        alongside: { name: "valid-token load", url: `${flooded.url}${JANE}`, options: { token: cold.at(-1)!.token } },
      },
      // The ceiling again, last in each round: its ratio to the first run is this machine's noise.
      { name: "profile lookup, no auth, again (noise check)", url: `${app.url}${CEILING_PATH}${JANE_QUERY}` },
    ]);

    console.log("activity reports…");
    const reports = await measureReports(app);

    console.log("revocation propagation…");
    const propagation = await measureRevocation(app, account, cold.slice(0, 20));
    console.log("leak report to refusal…");
    // Reported to the cache-less instance; refused by two others that hold the token warm.
    const leakReports = await measureLeakReports(uncached, [app, flooded], cold.slice(20, 40).map((t) => t.token));

    console.log("console pages…");
    const pages = await measurePages(app);

    return { ...report(loads, propagation, pages, leakReports), reports: reportsTable(reports) };
  } finally {
    for (const process of running) process.stop();
    await closeDb();
  }
}

async function measureRevocation(app: Running, account: { accountId: string; userId: string }, tokens: Array<{ id: string; token: string }>) {
  const actor = { id: account.userId, name: "Bench", accountId: account.accountId, ip: "127.0.0.1" };
  const times: number[] = [];
  for (const { id, token } of tokens) {
    const call = () => fetch(`${app.url}${JANE}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    if ((await call()) !== 200) throw new Error("token not usable before revoke");
    const started = performance.now();
    await markTokenRevoked(actor, id);
    while ((await call()) !== 401) {
      if (performance.now() - started > 5_000) throw new Error("revocation did not arrive within 5 s");
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: Math.round(times[Math.floor(times.length / 2)]!), max: Math.round(times.at(-1)!) };
}

async function measurePages(app: Running): Promise<PageTiming[]> {
  const account = await createBenchAccount("pages");
  const [first] = await insertProfileTokens(account, 5);
  await insertRevoked(account, 10_000);
  await insertHistory(account, first!.id, 100_000);
  await settle(); // as autovacuum would have, long before a table grows to this size
  const cookie = await signInOverHttp(app.url, account.email, BENCH_PASSWORD);
  const base = `${app.url}/manage/integrations/api-tokens`;
  return [
    await timePage("token list (5 active, 10,000 revoked)", base, cookie),
    await timePage("token Details", `${base}/${first!.id}`, cookie),
    await timePage("token History (100,000 rows)", `${base}/${first!.id}/history`, cookie),
  ];
}

function report(loads: LoadResult[], propagation: { median: number; max: number }, pages: PageTiming[], leakReports: { median: number; max: number }) {
  const find = (prefix: string) => loads.find((l) => l.name.startsWith(prefix))!;
  const ceiling = find("profile lookup, no auth");
  const live = find("app /api/v1/live");
  const bare = find("bare Node");
  console.log(`\nLoad: ${CONNECTIONS} connections, ${DURATION_SECONDS} s a run, ${ROUNDS} interleaved rounds (medians; ratios round by round), 127.0.0.1`);
  console.table(
    loads.map((l) => ({
      scenario: l.name,
      "req/s": l.requestsPerSecond,
      "p50 ms": l.p50,
      "p99 ms": l.p99,
      "vs app ceiling": ratio(l, ceiling),
      "vs /live": ratio(l, live),
      "vs bare Node": ratio(l, bare),
      "non-2xx": l.non2xx,
      errors: l.errors,
    })),
  );
  const warm = find("profile lookup, warm cache (1k");
  const cold = find("profile lookup, cold: DB per request (1k");
  const summary = {
    warmRatio: ratio(warm, ceiling),
    coldRatio: ratio(cold, ceiling),
    warmP99Ms: warm.p99,
    coldP99Ms: cold.p99,
    warmFlatness1kTo1M: ratio(find("profile lookup, warm cache (1M"), warm),
    coldFlatness1kTo1M: ratio(find("profile lookup, cold: DB per request (1M"), cold),
    // Real tokens' warm lookups while 50 more connections send forged ones, against the ceiling
    // (which has the machine to itself) and against 50 more connections of valid requests.
    warmUnderForgedFloodRatio: ratio(find("profile lookup, warm cache, under a forged-token flood"), ceiling),
    forgedFloodVsValidLoad: ratio(find("profile lookup, warm cache, under a forged-token flood"), find("profile lookup, warm cache, beside an equal")),
    noiseCeilingVsItself: ratio(find("profile lookup, no auth, again"), ceiling),
    warmVsLive: ratio(warm, live),
    nextRouteVsBare: ratio(find("Next.js route"), bare),
    liveVsBare: ratio(live, bare),
    revocationMs: propagation,
    leakReportToRefusalMs: leakReports,
  };
  console.table(summary);
  console.table(pages.map((p) => ({ page: p.name, "median ms": p.median, "p95 ms": p.p95 })));
  return { when: new Date().toISOString(), connections: CONNECTIONS, rounds: ROUNDS, seconds: DURATION_SECONDS, loads, summary, pages };
}

function reportsTable(reports: Awaited<ReturnType<typeof measureReports>>) {
  console.log("\nActivity reports over 90 days of a Demo Retail copy, 10 connections, 3 s each:");
  console.table(reports.timings);
  console.log(`Slowest by p50: ${reports.slowest}. Its plan:\n${reports.plan.join("\n")}`);
  return reports;
}
