import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { markTokenRevoked } from "@/lib/tokens/queries";
import { CONNECTIONS, DURATION_SECONDS, loadInRounds, ROUNDS, type LoadResult } from "./load";
import { signInOverHttp, timePage, type PageTiming } from "./pages";
import { CEILING_PATH, startApp, startBareServer, type Running } from "./processes";
import { BENCH_PASSWORD, createBenchAccount, fillTokensTo, insertHistory, insertProfileTokens, insertRevoked, PROFILE_TOKEN_SETTINGS } from "./seed";

const JANE_QUERY = "?email=jane.remington%40demo-retail.test";
const JANE = `/api/v1/profile${JANE_QUERY}`;

export async function runBench() {
  const running: Running[] = [];
  try {
    await migrateDatabase();
    console.log("seeding…");
    const account = await createBenchAccount("api");
    const [warm] = await insertProfileTokens(account, 1);
    const cold = await insertProfileTokens(account, 999); // the table now holds 1,000 tokens

    // The ceiling route runs the same Profile Read handler as if authenticated with this token.
    const app = await startApp(3301, {}, { ...PROFILE_TOKEN_SETTINGS, id: warm!.id, accountId: account.accountId, status: "active", ipAllowList: [] });
    // The same build with the token cache off: every request looks its token up in Postgres.
    const uncached = await startApp(3302, { TOKEN_CACHE_TTL_MS: "0" });
    running.push(app, uncached);
    const body = await (await fetch(`${app.url}${JANE}`, { headers: { authorization: `Bearer ${warm!.token}` } })).text();
    const bare = await startBareServer(3300, body);
    running.push(bare);

    const ceiling = { name: "profile lookup, no auth (app ceiling)", url: `${app.url}${CEILING_PATH}${JANE_QUERY}` };
    const lookups = (size: string) => [
      ceiling,
      { name: `profile lookup, warm cache (${size} tokens)`, url: `${app.url}${JANE}`, options: { token: warm!.token } },
      { name: `profile lookup, cold: DB per request (${size} tokens)`, url: `${uncached.url}${JANE}`, options: { tokens: cold.map((t) => t.token) } },
    ];
    const with1k = await loadInRounds([
      { name: "bare Node http (physical ceiling)", url: `${bare.url}/` },
      { name: "app /api/v1/health: no auth, no database", url: `${app.url}/api/v1/health` },
      { name: "Next.js route handler /api/health (select 1)", url: `${app.url}/api/health` },
      ...lookups("1k"),
    ]);
    console.log("filling the token table to 1,000,000 rows…");
    await fillTokensTo(account, 1_000_000);
    const with1M = await loadInRounds(lookups("1M"));

    console.log("revocation propagation…");
    const propagation = await measureRevocation(app, account, cold.slice(0, 20));

    console.log("console pages…");
    const pages = await measurePages(app);

    return report(with1k, with1M, propagation, pages);
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
  const cookie = await signInOverHttp(app.url, account.email, BENCH_PASSWORD);
  const base = `${app.url}/manage/integrations/api-tokens`;
  return [
    await timePage("token list (5 active, 10,000 revoked)", base, cookie),
    await timePage("token Details", `${base}/${first!.id}`, cookie),
    await timePage("token History (100,000 rows)", `${base}/${first!.id}/history`, cookie),
  ];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const ratio = (l: LoadResult, to: LoadResult) => round2(l.requestsPerSecond / to.requestsPerSecond);

function report(with1k: LoadResult[], with1M: LoadResult[], propagation: { median: number; max: number }, pages: PageTiming[]) {
  const find = (loads: LoadResult[], prefix: string) => loads.find((l) => l.name.startsWith(prefix))!;
  const health = find(with1k, "app /api/v1/health");
  const bare = find(with1k, "bare Node");
  console.log(`\nLoad: ${CONNECTIONS} connections, ${DURATION_SECONDS} s a run, median of ${ROUNDS} interleaved rounds, 127.0.0.1`);
  const table = (loads: LoadResult[]) => {
    const ceiling = find(loads, "profile lookup, no auth");
    console.table(
      loads.map((l) => ({
        scenario: l.name,
        "req/s": l.requestsPerSecond,
        "p50 ms": l.p50,
        "p99 ms": l.p99,
        "vs app ceiling": ratio(l, ceiling),
        "vs /health": ratio(l, health),
        "vs bare Node": ratio(l, bare),
        "non-2xx": l.non2xx,
        errors: l.errors,
      })),
    );
  };
  table(with1k);
  console.log("After filling the token table to 1,000,000 rows:");
  table(with1M);
  // Each lookup against the ceiling measured in its own rounds, so drift between the two
  // phases cancels out of the flatness figure.
  const versusCeiling = (loads: LoadResult[], prefix: string) => ratio(find(loads, prefix), find(loads, "profile lookup, no auth"));
  const warm1k = find(with1k, "profile lookup, warm");
  const cold1k = find(with1k, "profile lookup, cold");
  const summary = {
    warmRatio: versusCeiling(with1k, "profile lookup, warm"),
    coldRatio: versusCeiling(with1k, "profile lookup, cold"),
    warmP99Ms: warm1k.p99,
    coldP99Ms: cold1k.p99,
    warmVsHealth: ratio(warm1k, health),
    nextRouteVsBare: ratio(find(with1k, "Next.js route"), bare),
    healthVsBare: ratio(health, bare),
    warmFlatness1kTo1M: round2(versusCeiling(with1M, "profile lookup, warm") / versusCeiling(with1k, "profile lookup, warm")),
    coldFlatness1kTo1M: round2(versusCeiling(with1M, "profile lookup, cold") / versusCeiling(with1k, "profile lookup, cold")),
    revocationMs: propagation,
  };
  console.table(summary);
  console.table(pages.map((p) => ({ page: p.name, "median ms": p.median, "p95 ms": p.p95 })));
  return { when: new Date().toISOString(), connections: CONNECTIONS, rounds: ROUNDS, with1k, with1M, summary, pages };
}
