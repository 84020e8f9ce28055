import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { markTokenRevoked, rotateTokenSecret, stopOldSecret } from "@/lib/tokens/write/lifecycle";
import { generateToken } from "@/lib/tokens/secret";
import { recreateDatabase, usingDatabase } from "./databases";
import { atHalfSaturation } from "./fixed-rate";
import { CONNECTIONS, cpuEfficiency, DURATION_SECONDS, loadInRounds, ratio, ROUNDS, type LoadResult } from "./load";
import { signInOverHttp, timePage, type PageTiming } from "./pages";
import { answerOf, CEILING_PATH, startApp, startBareServer, type Running } from "./processes";
import { fillProfilesTo, measureProfileChanges } from "./profile-changes";
import { measureAuditLogPages } from "./audit-log-pages";
import { measureLeakReports } from "./leak-report";
import { dailyLimitOnVsOff, profileLimitScenarios } from "./profile-limit";
import { measureReports } from "./reports";
import { BENCH_PASSWORD, createBenchAccount, fillTokensTo, insertHistory, insertProfileTokens, insertRevoked, PROFILE_TOKEN_SETTINGS, settle } from "./seed";
import { medianAndMax } from "./stats";

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
    const overlapping = await resetWithOverlap(account, await insertProfileTokens(account, 50));
    const toStop = await insertProfileTokens(account, 20);
    await settle();
    // A copy with the token and profile tables filled to 1,000,000 rows each: the same tokens,
    // Jane and plans, so 1k tokens / 3k profiles and 1M / 1M can be measured side by side.
    console.log("copying it and filling the copy's token and profile tables to 1,000,000 rows…");
    await closeDb();
    const url1M = await recreateDatabase(server, "hub_bench_1m", "hub_bench");
    await usingDatabase(url1M, async () => {
      await fillTokensTo(account, 1_000_000);
      await fillProfilesTo(account, 1_000_000);
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
    // Both caches off: the token and the profile from Postgres on every request.
    const noCaches = { TOKEN_CACHE_TTL_MS: "0", PROFILE_CACHE_TTL_MS: "0" };
    const uncachedBoth = await startApp(3307, noCaches);
    running.push(uncachedBoth);
    const uncachedBoth1M = await startApp(3308, { ...noCaches, DATABASE_URL: url1M });
    running.push(uncachedBoth1M);
    // Next.js under load leaves work behind (GC, caches) that would slow whatever that
    // process serves next, so its route is measured on an instance of its own.
    const nextApp = await startApp(3305);
    running.push(nextApp);
    // Under a forged-token flood: its client IP soon spends its failed-auth budget, so this
    // instance counts in memory (no REDIS_URL) to keep that IP's 429s off the other instances.
    const flooded = await startApp(3306, { REDIS_URL: "" });
    running.push(flooded);
    const forged = Array.from({ length: 10_000 }, () => generateToken("profile_read").token);
    // What bare Node serves: a warm answer's bytes, its body and headers.
    const answer = await answerOf(`${app.url}${JANE}`, warm!.token);
    // The same instance as `app` with Profile Read access logging off: the log's cost, side by side.
    const unlogged = await startApp(3309, { BENCH_ACCESS_LOG: "off" }, { ...PROFILE_TOKEN_SETTINGS, id: warm!.id, accountId: account.accountId, status: "active", ipAllowList: [] });
    running.push(unlogged);
    // Prometheus metrics on (METRICS_PORT) against a twin started the same way and loaded only
    // alongside it: comparing with `app`, which serves every other scenario, measured that
    // instance's history as much as the metrics (two identical loads on different instances read 0.86).
    const ceilingSettings = { ...PROFILE_TOKEN_SETTINGS, id: warm!.id, accountId: account.accountId, status: "active", ipAllowList: [] };
    const metered = await startApp(3310, { METRICS_PORT: "3390" }, ceilingSettings);
    running.push(metered);
    const unmetered = await startApp(3311, {}, ceilingSettings);
    running.push(unmetered);
    const dailyLimit = await profileLimitScenarios(account, 3312, running);
    const bare = await startBareServer(3300, answer.body, answer.headers);
    running.push(bare);

    const warmLookup = (name: string, instance: Running) => ({ name, url: `${instance.url}${JANE}`, options: { token: warm!.token } });
    const coldLookup = (name: string, instance: Running) => ({ name, url: `${instance.url}${JANE}`, options: { tokens: cold.map((t) => t.token) } });
    const loads = await loadInRounds([
      { name: "bare Node http (physical ceiling)", url: `${bare.url}/` },
      { name: "app /api/v1/live: no auth, no database", url: `${app.url}/api/v1/live` },
      { name: "Next.js route handler /api/ready (select 1)", url: `${nextApp.url}/api/ready` },
      { name: "profile lookup, no auth (app ceiling)", url: `${app.url}${CEILING_PATH}${JANE_QUERY}` },
      warmLookup("profile lookup, warm cache (1k tokens, 3k profiles)", app),
      // Metrics on against off in A-B-B-A order every round: a load leaves its instance writing
      // the access log behind it, which slows whatever runs next; the second pair runs in the
      // opposite order, so that cost falls on each side once.
      warmLookup("metrics A/B: warm lookup, metrics off (1st)", unmetered),
      warmLookup("metrics A/B: warm lookup, metrics on (1st)", metered),
      warmLookup("metrics A/B: warm lookup, metrics on (2nd)", metered),
      warmLookup("metrics A/B: warm lookup, metrics off (2nd)", unmetered),
      // Every one of the 1,000 tokens in turn: a thousand access-log rows a second, not one.
      { name: "profile lookup, warm cache, 1,000 tokens in turn (1k tokens, 3k profiles)", url: `${app.url}${JANE}`, options: { tokens: cold.map((t) => t.token) } },
      { name: "profile lookup, no auth (app ceiling), access log off", url: `${unlogged.url}${CEILING_PATH}${JANE_QUERY}` },
      warmLookup("profile lookup, warm cache (1k tokens, 3k profiles), access log off", unlogged),
      coldLookup("profile lookup, cold: DB per request (1k tokens, 3k profiles)", uncached),
      // 50 tokens mid-overlap, each called with its old and its new secret, beside the warm token.
      { name: "profile lookup, warm cache, overlapping tokens in the mix (1k tokens)", url: `${app.url}${JANE}`, options: { tokens: [warm!.token, ...overlapping] } },
      // Its baseline: the client builds each request the same way, with one token only.
      { name: "profile lookup, warm cache, one token through the rotating client (1k tokens)", url: `${app.url}${JANE}`, options: { tokens: [warm!.token] } },
      warmLookup("profile lookup, warm cache (1M tokens, 1M profiles)", app1M),
      coldLookup("profile lookup, cold: DB per request (1M tokens, 1M profiles)", uncached1M),
      coldLookup("profile lookup, no caches: token and profile from DB (1k tokens, 3k profiles)", uncachedBoth),
      coldLookup("profile lookup, no caches: token and profile from DB (1M tokens, 1M profiles)", uncachedBoth1M),
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
      ...dailyLimit,
      // The ceiling again, last in each round: its ratio to the first run is this machine's noise.
      { name: "profile lookup, no auth, again (noise check)", url: `${app.url}${CEILING_PATH}${JANE_QUERY}` },
    ]);

    // Open loop at half of each path's own saturated rate, measured above in this run.
    const saturated = (prefix: string) => loads.find((l) => l.name.startsWith(prefix))!.requestsPerSecond;
    console.log("latency at a fixed offered rate (open loop)…");
    const fixedRate = [
      await atHalfSaturation("warm (1k tokens, 3k profiles)", `${app.url}${JANE}`, saturated("profile lookup, warm cache (1k tokens, 3k profiles)"), { token: warm!.token }, bare.url),
      await atHalfSaturation("cold: DB per request (1k tokens)", `${uncached.url}${JANE}`, saturated("profile lookup, cold: DB per request (1k"), { tokens: cold.map((t) => t.token) }, bare.url),
      await atHalfSaturation("no caches (1k tokens, 3k profiles)", `${uncachedBoth.url}${JANE}`, saturated("profile lookup, no caches: token and profile from DB (1k"), { tokens: cold.map((t) => t.token) }, bare.url),
    ];

    console.log("activity reports…");
    // And on an instance with the report cache off: what each aggregation costs without it.
    const reportsUncached = await startApp(3312, { REPORT_CACHE_TTL_MS: "0" });
    running.push(reportsUncached);
    const reports = await measureReports(app, reportsUncached);

    console.log("revocation propagation…");
    const propagation = await measureRevocation(app, account, cold.slice(0, 20));
    console.log("stopping old tokens early…");
    const oldStop = await measureOldSecretStop(app, account, toStop);

    console.log("profile change propagation (SQL from another connection, two instances)…");
    const profileChanges = await measureProfileChanges(url1k, [app, nextApp], JANE, warm!.token, account.accountId);

    console.log("leak report to refusal…");
    // Reported to the cache-less instance; refused by two others that hold the token warm.
    // (Not the flooded instance: the flood spent loopback's failed-auth budget there, so a token
    // it never cached is refused before any lookup.)
    const leakReports = await measureLeakReports(uncached, [app, nextApp], cold.slice(20, 40).map((t) => t.token));

    console.log("console pages…");
    const pages = await measurePages(app);
    console.log("audit log pages (1,000,000 rows)…");
    const auditLog = await measureAuditLogPages(app);

    const result = report(loads, { revocationMs: propagation, oldTokenStopMs: oldStop, profileChangeMs: profileChanges, leakReportToRefusalMs: leakReports }, [...pages, ...auditLog.pages], auditLog.summary);
    const fixedRateRows = fixedRateTable(fixedRate);
    const reportRows = reportsTable(reports);
    // The slowest report type's p99 at 10 clients, as shipped (report cache on) and with it off.
    const latencies = { ...fixedRateSummary(fixedRate), reportsP99Ms: Math.max(...reports.timings.map((t) => t["p99 ms"])), reportsCacheOffP99Ms: Math.max(...reports.cacheOff!.map((t) => t["p99 ms"])) };
    console.table(latencies);
    return { ...result, summary: { ...result.summary, ...latencies }, fixedRate: fixedRateRows, reports: reportRows };
  } finally {
    for (const process of running) process.stop();
    await closeDb();
  }
}

type BenchActor = { accountId: string; userId: string };
const actorOf = (account: BenchActor) => ({ id: account.userId, name: "Bench", accountId: account.accountId, ip: "127.0.0.1" });

/** Revoke, then call until refused: how long until the instance (its cache warm) says 401. */
async function measureRevocation(app: Running, account: BenchActor, tokens: Array<{ id: string; token: string }>) {
  return timeUntilRefused(app, tokens, (id) => markTokenRevoked(actorOf(account), id).then(() => {}));
}

/** "Stop old token now" during a 1-hour overlap: how long until the old secret is refused. */
async function measureOldSecretStop(app: Running, account: BenchActor, tokens: Array<{ id: string; token: string }>) {
  for (const { id } of tokens) {
    await rotateTokenSecret(actorOf(account), id, { secret: generateToken("profile_read"), overlapMs: 3_600_000, overlapLabel: "1 hour", now: new Date() });
  }
  // `token` is now each one's old secret.
  return timeUntilRefused(app, tokens, (id) => stopOldSecret(actorOf(account), id, new Date()).then(() => {}));
}

async function timeUntilRefused(app: Running, tokens: Array<{ id: string; token: string }>, end: (id: string) => Promise<void>) {
  const times: number[] = [];
  for (const { id, token } of tokens) {
    const call = () => fetch(`${app.url}${JANE}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    if ((await call()) !== 200) throw new Error("token not usable before it was ended");
    const started = performance.now();
    await end(id);
    while ((await call()) !== 401) {
      if (performance.now() - started > 5_000) throw new Error("the end did not arrive within 5 s");
    }
    times.push(performance.now() - started);
  }
  return medianAndMax(times);
}

/** Resets each token with a 7-day overlap: returns both secrets of each, old and new, to call with. */
async function resetWithOverlap(account: BenchActor, tokens: Array<{ id: string; token: string }>) {
  const secrets: string[] = [];
  for (const { id, token } of tokens) {
    const secret = generateToken("profile_read");
    await rotateTokenSecret(actorOf(account), id, { secret, overlapMs: 7 * 86_400_000, overlapLabel: "7 days", now: new Date() });
    secrets.push(token, secret.token);
  }
  return secrets;
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

type Propagation = Record<"revocationMs" | "oldTokenStopMs" | "profileChangeMs" | "leakReportToRefusalMs", { median: number; max: number }>;

/** On against off measured A-B-B-A: the geometric mean of the two pairs' ratios (each pair's order cancels out). */
function abba(onFirst: LoadResult, offFirst: LoadResult, onSecond: LoadResult, offSecond: LoadResult): number {
  return Math.round(Math.sqrt(ratio(onFirst, offFirst) * ratio(onSecond, offSecond)) * 100) / 100;
}

function report(loads: LoadResult[], propagation: Propagation, pages: PageTiming[], pageSummary: Record<string, number>) {
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
      "server µs/req": l.cpuUsPerRequest,
      "CPU eff. vs bare": cpuEfficiency(l, bare),
      "server cores": l.serverCores,
      "generator share": l.generatorCpuShare,
    })),
  );
  const warm = find("profile lookup, warm cache (1k tokens, 3k profiles)");
  const warmUnlogged = find("profile lookup, warm cache (1k tokens, 3k profiles), access log off");
  const ceilingUnlogged = find("profile lookup, no auth (app ceiling), access log off");
  const cold = find("profile lookup, cold: DB per request (1k");
  const noCaches = find("profile lookup, no caches: token and profile from DB (1k");
  const summary = {
    // Server CPU per request answered (user + system over the window, /proc), and bare Node's
    // CPU per request over ours: the cost measure that does not depend on the load generator.
    warmCpuUsPerRequest: warm.cpuUsPerRequest,
    bareCpuUsPerRequest: bare.cpuUsPerRequest,
    liveCpuUsPerRequest: live.cpuUsPerRequest,
    coldCpuUsPerRequest: cold.cpuUsPerRequest,
    warmCpuEfficiency: cpuEfficiency(warm, bare),
    coldCpuEfficiency: cpuEfficiency(cold, bare),
    noCachesCpuEfficiency: cpuEfficiency(noCaches, bare),
    liveCpuEfficiency: cpuEfficiency(live, bare),
    // wrk's CPU during the warm lookups over the machine's (window × cores).
    generatorCpuShare: warm.generatorCpuShare,
    warmRatio: ratio(warm, ceiling),
    // Access logging on (as shipped) and off, each against its own instance's ceiling; then the
    // logged lookups against the unlogged ceiling (the strictest view) and the unlogged lookups.
    warmRatioAccessLogOff: ratio(warmUnlogged, ceilingUnlogged),
    warmLoggedVsUnloggedCeiling: ratio(warm, ceilingUnlogged),
    warmLoggedVsUnlogged: ratio(warm, warmUnlogged),
    // Metrics recorded for every request (scraped by nobody) against the same instance without them.
    warmMetricsOnVsOff: abba(find("metrics A/B: warm lookup, metrics on (1st)"), find("metrics A/B: warm lookup, metrics off (1st)"), find("metrics A/B: warm lookup, metrics on (2nd)"), find("metrics A/B: warm lookup, metrics off (2nd)")),
    // Warm lookups with the daily profile limit on against off, on one instance (bench/profile-limit.ts).
    dailyLimitOnVsOff: dailyLimitOnVsOff(loads),
    coldRatio: ratio(cold, ceiling),
    warmVsBare: ratio(warm, bare),
    coldVsBare: ratio(cold, bare),
    warmP99Ms: warm.p99,
    warmManyTokensVsBare: ratio(find("profile lookup, warm cache, 1,000 tokens in turn"), bare),
    warmManyTokensP99Ms: find("profile lookup, warm cache, 1,000 tokens in turn").p99,
    // Old and new secrets of tokens mid-overlap (the cache holds each token under both hashes),
    // against one token sent through the same rotating client: the server's cost of overlaps.
    warmOverlappingRatio: ratio(find("profile lookup, warm cache, overlapping"), find("profile lookup, warm cache, one token through the rotating client")),
    coldP99Ms: cold.p99,
    noCachesP99Ms: noCaches.p99,
    noCachesFlatness3kTo1M: ratio(find("profile lookup, no caches: token and profile from DB (1M"), noCaches),
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
    ...propagation,
    ...pageSummary,
  };
  console.table(summary);
  console.table(pages.map((p) => ({ page: p.name, "median ms": p.median, "p95 ms": p.p95 })));
  return { when: new Date().toISOString(), connections: CONNECTIONS, rounds: ROUNDS, seconds: DURATION_SECONDS, loads, summary, pages };
}

function reportsTable(reports: Awaited<ReturnType<typeof measureReports>>) {
  console.log("\nActivity reports over 90 days of a Demo Retail copy, 10 connections, 3 s each, report cache on (as shipped):");
  console.table(reports.timings);
  console.log("The same with the report cache off (REPORT_CACHE_TTL_MS=0):");
  console.table(reports.cacheOff);
  console.log(`Slowest by p50: ${reports.slowest}. Its plan:\n${reports.plan.join("\n")}`);
  return reports;
}

type FixedRate = Awaited<ReturnType<typeof atHalfSaturation>>;

function fixedRateSummary(results: FixedRate[]) {
  const [warm, cold, noCaches] = results;
  return {
    warmFixedRateP99Ms: warm!.p99Ms,
    coldFixedRateP99Ms: cold!.p99Ms,
    noCachesFixedRateP99Ms: noCaches!.p99Ms,
    // CPU per request against bare Node offered the same rate (no saturation on either side).
    warmFixedRateCpuEfficiency: warm!.cpuEfficiency,
    coldFixedRateCpuEfficiency: cold!.cpuEfficiency,
  };
}

function fixedRateTable(results: FixedRate[]) {
  console.log("\nLatency at a fixed offered rate: half of each path's saturated req/s above, open loop, from each request's intended send time:");
  console.table(
    results.map((r) => ({
      path: r.name,
      "offered req/s": r.rate,
      "p50 ms": r.p50Ms,
      "p99 ms": r.p99Ms,
      "p99.9 ms": r.p999Ms,
      "max ms": r.maxMs,
      "send lag p99 ms": r.sendLagP99Ms,
      "generator cores": r.generatorCores,
      "server µs/req": r.cpuUsPerRequest,
      "bare µs/req, same rate": r.bareCpuUsPerRequest,
      "CPU eff. vs bare": r.cpuEfficiency,
      "non-2xx": r.non2xx,
      errors: r.errors,
    })),
  );
  return results;
}
