/**
 * The Audit log page under weight: one account with 1,000,000 audit rows, its first page, a page
 * filtered by action and one filtered by a rare actor (the operator), timed like the other
 * console pages (bench/pages.ts). Called from
 * `npm run bench` (bench/scenarios.ts); run alone against a database of its own with
 * `DATABASE_URL=postgres://…/postgres npx tsx --conditions=react-server bench/audit-log-pages.ts`
 * (after `npm run build`).
 */
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { AUDIT_ACTIONS } from "@/lib/audit/catalogue";
import { recreateDatabase } from "./databases";
import { signInOverHttp, timePage, type PageTiming } from "./pages";
import { startApp, type Running } from "./processes";
import { BENCH_PASSWORD, createBenchAccount, settle, type BenchAccount } from "./seed";

export const AUDIT_ROWS = 1_000_000;
/** The filtered page's action: one row in AUDIT_ACTIONS.length, spread over the whole log. */
export const FILTER_ACTION = "token.reset";
/** One row in this many is the operator's: the "Actor" filter's rare case (100 of 1,000,000). */
const OPERATOR_EVERY = 10_000;

/**
 * `count` rows for the account in one statement, newest a second ago and one every 25 s before it
 * (1,000,000 rows span about 290 days, inside the default 365), cycling through every action,
 * all by the account's admin but one in OPERATOR_EVERY.
 * The append-only trigger guards updates and deletes only: inserts go straight in.
 */
export async function insertAuditRows(account: BenchAccount, count: number) {
  const actions = sql.raw(`array[${AUDIT_ACTIONS.map((a) => `'${a}'`).join(",")}]`);
  await getDb().execute(sql`
    insert into audit_events (account_id, at, actor_kind, actor_id, actor_name, action, target_kind, target_id, target_label, ip, detail)
    select ${account.accountId}, now() - make_interval(secs => 1 + g * 25),
           case when g % ${OPERATOR_EVERY} = 0 then 'operator' else 'user' end,
           case when g % ${OPERATOR_EVERY} = 0 then null else ${account.userId}::uuid end,
           case when g % ${OPERATOR_EVERY} = 0 then 'Operator (bench)' else 'Bench' end,
           (${actions})[1 + g % ${AUDIT_ACTIONS.length}], 'token', gen_random_uuid()::text, 'Bench token ' || (g % 1000),
           '127.0.0.' || (1 + g % 250), '{"type":"activity"}'::jsonb
    from generate_series(1, ${count}) g`);
}

export interface AuditLogPages {
  pages: PageTiming[];
  summary: { auditLogFirstPageMedianMs: number; auditLogFilteredPageMedianMs: number; auditLogOperatorPageMedianMs: number };
}

/** Seeds an account with AUDIT_ROWS rows in the database `app` serves (the process's DATABASE_URL), then times its pages. */
export async function measureAuditLogPages(app: Running): Promise<AuditLogPages> {
  const account = await createBenchAccount("audit-log");
  await insertAuditRows(account, AUDIT_ROWS);
  await settle(); // as autovacuum would have, long before a table grows to this size
  const cookie = await signInOverHttp(app.url, account.email, BENCH_PASSWORD);
  const base = `${app.url}/manage/audit-log`;
  const first = await timePage("Audit log, first page (1,000,000 rows)", base, cookie);
  const filtered = await timePage(`Audit log, action=${FILTER_ACTION} (1,000,000 rows)`, `${base}?action=${FILTER_ACTION}`, cookie);
  const operator = await timePage("Audit log, actor=operator (100 of 1,000,000 rows)", `${base}?actor=operator`, cookie);
  return {
    pages: [first, filtered, operator],
    summary: { auditLogFirstPageMedianMs: first.median, auditLogFilteredPageMedianMs: filtered.median, auditLogOperatorPageMedianMs: operator.median },
  };
}

/** This scenario alone: its own database (hub_bench_audit_log) and one production instance. */
async function runAlone(server: string) {
  process.env.DATABASE_URL = await recreateDatabase(server, "hub_bench_audit_log");
  await migrateDatabase();
  const app = await startApp(Number(process.env.BENCH_PORT ?? 3320));
  try {
    console.log(`seeding ${AUDIT_ROWS.toLocaleString("en")} audit rows…`);
    const result = await measureAuditLogPages(app);
    console.table(result.pages.map((p) => ({ page: p.name, "median ms": p.median, "p95 ms": p.p95 })));
    console.log(JSON.stringify(result.summary));
  } finally {
    app.stop();
    await closeDb();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error("Set DATABASE_URL to a local Postgres server, e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres.");
  runAlone(server).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
