import { sql } from "drizzle-orm";
import { bucketOf, bucketsCte, countedObjects, responseAggregates, rows, slaCte, timedCte, type Scope } from "./sql";

type Num = number;

/** summary: the headline numbers over objects received in the range. */
export async function summaryReport(s: Scope) {
  const [row] = await rows<Record<string, Num>>(sql`
    with ${slaCte(s)}, ${timedCte(s)}
    select count(*)::int as total_volume, ${responseAggregates}
    from timed cross join sla`);
  const { responded, ...rest } = row!;
  return { total_volume: rest.total_volume!, total_responded_to: responded!, ...rest };
}

/** states: counted objects per current state, largest first (ties by name). */
export async function statesReport(s: Scope) {
  return rows<{ state: string; volume: number }>(sql`
    select o.state, count(*)::int as volume from ${countedObjects(s)}
    group by o.state order by volume desc, o.state`);
}

/** states_volume: per state with objects, the full bucket series of objects now in it. */
export async function statesVolumeReport(s: Scope) {
  const series = await rows<{ state: string; label: string; value: number }>(sql`
    with ${bucketsCte(s)},
    counted as (select o.state, ${bucketOf(s, "o.received_at")} as bucket, count(*)::int as n from ${countedObjects(s)} group by 1, 2),
    present as (select distinct state from counted)
    select p.state, b.label, coalesce(c.n, 0)::int as value
    from present p cross join buckets b left join counted c on c.state = p.state and c.bucket = b.local_start
    order by p.state, b.local_start`);
  const out: Record<string, Array<{ state: string; value: number; date_range: { date_from: string } }>> = {};
  for (const r of series) (out[r.state] ??= []).push({ state: r.state, value: r.value, date_range: { date_from: r.label } });
  return out;
}

/** response_volume: mean response time (seconds) of responded objects received in each bucket. */
export async function responseVolumeReport(s: Scope) {
  const series = await rows<{ label: string; value: number }>(sql`
    with ${bucketsCte(s)}, ${timedCte(s)},
    averaged as (select ${bucketOf(s, "received_at")} as bucket, avg(rt) as value from timed where rt is not null group by 1)
    select b.label, coalesce(a.value, 0)::float8 as value
    from buckets b left join averaged a on a.bucket = b.local_start order by b.local_start`);
  return { avg_response_time: series.map((r) => ({ value: r.value, date_range: { date_from: r.label } })) };
}

/** classifications: per classification, a row per state it has objects in, plus all_states. */
export async function classificationsReport(s: Scope) {
  return rows<{ classification_id: string; classification: string; state: string; volume: number }>(sql`
    with counted as (select o.id, o.state from ${countedObjects(s)})
    select k.id::text as classification_id, k.name as classification,
           case when grouping(o.state) = 1 then 'all_states' else o.state end as state, count(*)::int as volume
    from counted o
    join object_classifications x on x.object_id = o.id
    join classifications k on k.id = x.classification_id and k.account_id = ${s.accountId}::uuid
    group by grouping sets ((k.id, k.name, o.state), (k.id, k.name))
    order by k.name, state`);
}
