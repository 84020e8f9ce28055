import { mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { readDbConfig } from "./config";
import { processSingleton, releaseProcessSingleton } from "./process-singleton";
import * as schema from "./tables";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** How this process names its connections to the server: host and pid, within Postgres's 63 bytes. */
export const APPLICATION_NAME = `hub ${hostname()} ${process.pid}`.slice(0, 63);

/** `batchDb`: the batched background writes' own connection (see `getBatchDb`); on PGlite the same `db`. */
export type DbHandle =
  | { kind: "postgres"; db: Db; batchDb: Db; sql: postgres.Sql; close: () => Promise<void> }
  | { kind: "pglite"; db: Db; batchDb: Db; client: PGlite; close: () => Promise<void> };

/** Seconds before reconnect attempt N: 50 ms doubling, never more than 1 s. */
export const reconnectBackoff = (attempt: number) => Math.min(0.05 * 2 ** attempt, 1);

function open(): DbHandle {
  const config = readDbConfig();
  if (config.DATABASE_URL) {
    const options = {
      onnotice: () => {},
      // Fail fast when the server is gone rather than queueing requests for minutes, and retry
      // within a second once it is back (the default backoff grows to 20 s).
      connect_timeout: 5,
      backoff: reconnectBackoff,
      // This process's connections, told apart from other instances' in pg_stat_activity (see `connectionStates`).
      connection: { application_name: APPLICATION_NAME },
    };
    const sql = postgres(config.DATABASE_URL, { ...options, max: config.DATABASE_POOL_SIZE });
    // Opens its connection on first use: processes that write no batches never hold it.
    const batchSql = postgres(config.DATABASE_URL, { ...options, max: 1 });
    const close = async () => void (await Promise.all([sql.end({ timeout: 5 }), batchSql.end({ timeout: 5 })]));
    return { kind: "postgres", db: drizzlePostgres(sql, { schema }), batchDb: drizzlePostgres(batchSql, { schema }), sql, close };
  }
  const dir = config.PGLITE_DIR;
  if (!dir.startsWith("memory://")) {
    // PGlite creates only the last folder of its path.
    mkdirSync(dirname(resolve(dir)), { recursive: true });
  }
  const client = new PGlite(dir);
  // Both drivers expose the same drizzle query API; the postgres-js type is the common one.
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { kind: "pglite", db, batchDb: db, client, close: () => client.close() };
}

/** The one database handle of this process, opened on first use (never during `next build`). */
export function getDbHandle(): DbHandle {
  return processSingleton("db", open);
}

export function getDb(): Db {
  return getDbHandle().db;
}

/**
 * For the batched background writes only (usage counts, last-used times, the access log and
 * its alarm, refused IPs): a connection of their own. postgres.js pipelines queries on its few
 * pooled connections, so a 1,000-row insert there would hold up every token lookup queued behind
 * it on the same connection, for as long as the insert runs (tens of ms: the cold path's p99).
 */
export function getBatchDb(): Db {
  return getDbHandle().batchDb;
}

/**
 * This process's server connections by state (active, idle, idle in transaction, …) as the
 * server sees them, and the pool's size: what the metrics report as database pool use.
 * postgres.js keeps its pool's counts to itself. PGlite is one in-process connection.
 */
export async function connectionStates(): Promise<{ poolSize: number; states: Record<string, number> }> {
  const handle = getDbHandle();
  if (handle.kind === "pglite") return { poolSize: 1, states: { active: 1 } };
  const rows = await handle.sql<{ state: string | null; n: number }[]>`
    select state, count(*)::int as n from pg_stat_activity where application_name = ${APPLICATION_NAME} group by state`;
  const states: Record<string, number> = {};
  for (const row of rows) states[row.state ?? "unknown"] = row.n;
  // Our own query is one of the active ones; the batched writers' connection adds one to the pool.
  return { poolSize: readDbConfig().DATABASE_POOL_SIZE + 1, states };
}

export async function closeDb(): Promise<void> {
  await releaseProcessSingleton<DbHandle>("db")?.close();
}

export { schema };
