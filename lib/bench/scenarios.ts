import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { markTokenRevoked } from "@/lib/tokens/queries";
import { CONNECTIONS, load, type LoadResult } from "./load";
import { signInOverHttp, timePage, type PageTiming } from "./pages";
import { startApp, startBareServer, type Running } from "./processes";
import { BENCH_PASSWORD, createBenchAccount, fillTokensTo, insertHistory, insertProfileTokens, insertRevoked } from "./seed";

const JANE = "/api/v1/profile?email=jane.remington%40demo-retail.test";

export async function runBench() {
  const running: Running[] = [];
  try {
    await migrateDatabase();
    console.log("seeding…");
    const account = await createBenchAccount("api");
    const [warm] = await insertProfileTokens(account, 1);
    const cold = await insertProfileTokens(account, 999); // the table now holds 1,000 tokens

    const app = await startApp(3301);
    // The same build with the token cache off: every request looks its token up in Postgres.
    const uncached = await startApp(3302, { TOKEN_CACHE_TTL_MS: "0" });
    running.push(app, uncached);
    const body = await (await fetch(`${app.url}${JANE}`, { headers: { authorization: `Bearer ${warm!.token}` } })).text();
    const bare = await startBareServer(3300, body);
    running.push(bare);

    const loads: LoadResult[] = [];
    const run = async (...args: Parameters<typeof load>) => {
      console.log(`load: ${args[0]}`);
      loads.push(await load(...args));
    };
    await run("bare Node http (physical ceiling)", `${bare.url}/`);
    await run("app /api/v1/health, no auth (app ceiling)", `${app.url}/api/v1/health`);
    await run("Next.js route handler /api/health (select 1)", `${app.url}/api/health`);
    await run("profile lookup, warm cache (1k tokens)", `${app.url}${JANE}`, { token: warm!.token });
    await run("profile lookup, cold: DB per request (1k tokens)", `${uncached.url}${JANE}`, { tokens: cold.map((t) => t.token) });

    console.log("filling the token table to 1,000,000 rows…");
    await fillTokensTo(account, 1_000_000);
    await run("profile lookup, warm cache (1M tokens)", `${app.url}${JANE}`, { token: warm!.token });
    await run("profile lookup, cold: DB per request (1M tokens)", `${uncached.url}${JANE}`, { tokens: cold.map((t) => t.token) });

    console.log("revocation propagation…");
    const propagation = await measureRevocation(app, account, cold.slice(0, 20));

    console.log("console pages…");
    const pages = await measurePages(app);

    return report(loads, propagation, pages);
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

function report(loads: LoadResult[], propagation: { median: number; max: number }, pages: PageTiming[]) {
  const byName = (prefix: string) => loads.find((l) => l.name.startsWith(prefix))!;
  const appCeiling = byName("app /api/v1/health");
  const bare = byName("bare Node");
  const ratio = (l: LoadResult, to: LoadResult) => Math.round((l.requestsPerSecond / to.requestsPerSecond) * 100) / 100;
  console.log(`\nLoad: ${CONNECTIONS} connections, ${process.env.BENCH_DURATION ?? 8} s each, 127.0.0.1`);
  console.table(
    loads.map((l) => ({
      scenario: l.name,
      "req/s": l.requestsPerSecond,
      "p50 ms": l.p50,
      "p99 ms": l.p99,
      "vs app ceiling": ratio(l, appCeiling),
      "vs bare Node": ratio(l, bare),
      "non-2xx": l.non2xx,
      errors: l.errors,
    })),
  );
  const flat = (a: string, b: string) => Math.round((byName(b).requestsPerSecond / byName(a).requestsPerSecond) * 100) / 100;
  const summary = {
    warmRatio: ratio(byName("profile lookup, warm cache (1k"), appCeiling),
    coldRatio: ratio(byName("profile lookup, cold: DB per request (1k"), appCeiling),
    nextRouteVsBare: ratio(byName("Next.js route"), bare),
    appCeilingVsBare: ratio(appCeiling, bare),
    coldFlatness1kTo1M: flat("profile lookup, cold: DB per request (1k", "profile lookup, cold: DB per request (1M"),
    warmFlatness1kTo1M: flat("profile lookup, warm cache (1k", "profile lookup, warm cache (1M"),
    revocationMs: propagation,
  };
  console.table(summary);
  console.table(pages.map((p) => ({ page: p.name, "median ms": p.median, "p95 ms": p.p95 })));
  return { when: new Date().toISOString(), connections: CONNECTIONS, loads, summary, pages };
}
