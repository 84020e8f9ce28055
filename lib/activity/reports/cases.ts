import { sql } from "drizzle-orm";
import { memberFilters, bucketOf, bucketUnit, bucketsCte, closedCases, fromParam, rows, toParam, type Scope } from "./sql";

/** case_summary: cases closed in the range, their mean reply times and involvement. */
export async function caseSummaryReport(s: Scope) {
  const [row] = await rows<{ total_cases: number; first_reply_time: number; resolution_time: number; agent_interactions: number; agents_involved: number }>(sql`
    select count(*)::int as total_cases,
           coalesce(avg(extract(epoch from c.first_reply_at - c.opened_at)), 0)::float8 as first_reply_time,
           -- The last reply, not closed_at: closing adds a fixed 24-hour wait.
           coalesce(avg(extract(epoch from c.last_reply_at - c.opened_at)), 0)::float8 as resolution_time,
           coalesce(avg(c.reply_count), 0)::float8 as agent_interactions,
           coalesce(avg(c.agent_count), 0)::float8 as agents_involved
    from ${closedCases(s)}`);
  return row!;
}

/**
 * case_volume: per bucket, cases open at any moment of it (within the range, up to now).
 * Open in bucket b = opened before b's end − closed before b's start, both running totals, so
 * the cases are read once however many buckets there are.
 */
export async function caseVolumeReport(s: Scope) {
  const step = sql.raw(`interval '1 ${bucketUnit(s)}'`);
  const series = await rows<{ label: string; value: number }>(sql`
    with ${bucketsCte(s)},
    first_bucket as (select min(local_start) as start from buckets),
    scoped as (
      select c.opened_at, c.closed_at from cases c
      where c.account_id = ${s.accountId}::uuid and c.opened_at <= ${toParam(s)} ${memberFilters(s, "c.member_id", "c.group_id")}
    ),
    events as (
      select greatest(${bucketOf(s, "opened_at")}, f.start) as bucket, 1 as opened, 0 as closed from scoped, first_bucket f
      union all
      select case when closed_at < ${fromParam(s)} then f.start else ${bucketOf(s, "closed_at")} + ${step} end, 0, 1
      from scoped, first_bucket f where closed_at is not null
    ),
    per_bucket as (select bucket, sum(opened) as opened, sum(closed) as closed from events group by bucket)
    select b.label,
      case when greatest(b.utc_start, ${fromParam(s)}) > ${toParam(s)} then 0
           else (sum(coalesce(p.opened, 0) - coalesce(p.closed, 0)) over (order by b.local_start))::int end as value
    from buckets b left join per_bucket p on p.bucket = b.local_start
    order by b.local_start`);
  return { open: series.map((r) => ({ value: r.value, date_range: { date_from: r.label } })) };
}

/** case_classifications: closed cases per classification carried by any of their objects. */
export async function caseClassificationsReport(s: Scope) {
  return rows<{ classification_id: string; classification: string; volume: number }>(sql`
    with counted as (select c.id from ${closedCases(s)})
    select k.id::text as classification_id, k.name as classification, count(distinct c.id)::int as volume
    from counted c
    join activity_objects o on o.case_id = c.id
    join object_classifications x on x.object_id = o.id
    join classifications k on k.id = x.classification_id and k.account_id = ${s.accountId}::uuid
    group by k.id, k.name
    order by volume desc, k.name`);
}
