import { sql } from "drizzle-orm";
import { agentFilters, bucketsCte, closedCases, fromParam, rows, toParam, type Scope } from "./sql";

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

/** case_volume: per bucket, cases open at any moment of it (within the range, up to now). */
export async function caseVolumeReport(s: Scope) {
  const series = await rows<{ label: string; value: number }>(sql`
    with ${bucketsCte(s)},
    windows as (
      select local_start, label, greatest(utc_start, ${fromParam(s)}) as w_start, utc_end, ${toParam(s)} as w_last from buckets
    )
    select w.label, (
      select count(*)::int from cases c
      where c.account_id = ${s.accountId}::uuid ${agentFilters(s, "c.member_id", "c.group_id")}
        and w.w_start <= w.w_last
        and c.opened_at < w.utc_end and c.opened_at <= w.w_last
        and (c.closed_at is null or c.closed_at >= w.w_start)
    ) as value
    from windows w order by w.local_start`);
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
