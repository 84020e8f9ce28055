import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import type { ReportRequest } from "./request";

/** Everything a report query needs: the token's account, and the validated request. */
export interface Scope {
  accountId: string;
  request: ReportRequest;
  /** The server's clock: nothing is counted past it. */
  now: number;
}

/** Rows of a raw statement, from either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function rows<T>(query: SQL): Promise<T[]> {
  const result = (await getDb().execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const iso = (ms: number) => new Date(ms).toISOString();
export const fromParam = (s: Scope) => sql`${iso(s.request.from.ms)}::timestamptz`;
/** The inclusive end of the range, never past now. */
export const toParam = (s: Scope) => sql`${iso(Math.min(s.request.to.ms, s.now))}::timestamptz`;

// Ids were checked as UUIDs and as the account's own before any query runs.
const idList = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/** The users/groups filters on one table's member and group columns (AND between, OR within). */
export function memberFilters(s: Scope, member: string, group: string): SQL {
  const parts: SQL[] = [];
  if (s.request.users.length) parts.push(sql`and ${sql.raw(member)} = any(${idList(s.request.users)})`);
  if (s.request.groups.length) parts.push(sql`and ${sql.raw(group)} = any(${idList(s.request.groups)})`);
  return sql.join(parts, sql` `);
}

/** Objects received in the range, after filters (alias `o`). */
export const countedObjects = (s: Scope) => sql`
  activity_objects o
  where o.account_id = ${s.accountId}::uuid and o.received_at >= ${fromParam(s)} and o.received_at <= ${toParam(s)}
  ${memberFilters(s, "o.member_id", "o.group_id")}`;

/** Cases closed in the range, after filters (alias `c`). */
export const closedCases = (s: Scope) => sql`
  cases c
  where c.account_id = ${s.accountId}::uuid and c.closed_at >= ${fromParam(s)} and c.closed_at <= ${toParam(s)}
  ${memberFilters(s, "c.member_id", "c.group_id")}`;

/** Hourly under 96 hours, daily otherwise. */
export const bucketUnit = (s: Scope) => (s.request.to.ms - s.request.from.ms < 96 * 3600_000 ? "hour" : "day");

const offset = (s: Scope) => sql`make_interval(mins => ${s.request.from.offsetMinutes}::int)`;

/** The start, on date_from's wall clock, of the bucket holding a timestamptz. */
export const bucketOf = (s: Scope, column: string) => sql`date_trunc('${sql.raw(bucketUnit(s))}', (${sql.raw(column)} at time zone 'UTC') + ${offset(s)})`;

/**
 * A `buckets` CTE over date_from's wall clock (fixed offset), empty buckets included:
 * local_start (wall clock), label, utc_start and utc_end (exclusive), in time order.
 */
export function bucketsCte(s: Scope): SQL {
  const unit = sql.raw(`'${bucketUnit(s)}'`);
  const step = sql.raw(`interval '1 ${bucketUnit(s)}'`);
  const from = sql`${iso(s.request.from.ms)}::timestamptz`;
  const to = sql`${iso(s.request.to.ms)}::timestamptz`;
  return sql`buckets as (
    select b as local_start,
      to_char(b, 'YYYY-MM-DD HH24:MI') as label,
      (b - ${offset(s)}) at time zone 'UTC' as utc_start,
      (b + ${step} - ${offset(s)}) at time zone 'UTC' as utc_end
    from generate_series(date_trunc(${unit}, (${from} at time zone 'UTC') + ${offset(s)}),
                         date_trunc(${unit}, (${to} at time zone 'UTC') + ${offset(s)}), ${step}) as b
  )`;
}

/** The account's SLA targets (alias `sla`: response, action), the demo's defaults if unset. */
export const slaCte = (s: Scope) => sql`sla as (
  select coalesce((select response_sla_seconds from sla_targets where account_id = ${s.accountId}::uuid), 3600) as response,
         coalesce((select action_sla_seconds from sla_targets where account_id = ${s.accountId}::uuid), 900) as action
)`;

/** Response-time aggregates over objects with `rt` and `art` (seconds, null until responded). */
export const responseAggregates = sql`
  count(rt)::int as responded,
  coalesce(avg(rt), 0)::float8 as avg_response_time,
  coalesce(min(rt), 0)::float8 as min_response_time,
  coalesce(max(rt), 0)::float8 as max_response_time,
  coalesce(avg(art), 0)::float8 as avg_action_response_time,
  coalesce(min(art), 0)::float8 as min_action_response_time,
  coalesce(max(art), 0)::float8 as max_action_response_time,
  count(*) filter (where rt > sla.response)::int as broke_sla,
  count(*) filter (where art > sla.action)::int as broke_action_sla,
  (coalesce(avg(rt), 0) / 60)::float8 as avg_response_time_min,
  (coalesce(avg(art), 0) / 60)::float8 as avg_action_response_time_min`;

/** Counted objects with their response times (`rt`, `art`), as the `timed` CTE. */
export const timedCte = (s: Scope) => sql`timed as (
  select o.*, extract(epoch from o.responded_at - o.received_at)::float8 as rt,
         extract(epoch from o.responded_at - o.assigned_at)::float8 as art
  from ${countedObjects(s)}
)`;
