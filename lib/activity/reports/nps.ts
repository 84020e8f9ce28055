import { sql } from "drizzle-orm";
import { memberFilters, bucketOf, bucketsCte, fromParam, rows, toParam, type Scope } from "./sql";

const categoryTest: Record<string, string> = {
  all: "true",
  promoters: "score >= 9",
  passives: "score between 7 and 8",
  detractors: "score <= 6",
};

/** Sends of the form sent in the range (alias `n`), each with `kept`: answered and in the category. */
function sendsCte(s: Scope) {
  const kept = sql.raw(`(score is not null and ${categoryTest[s.request.npsCategory]})`);
  return sql`sends as (
    select n.sent_at, n.score, ${kept} as kept from survey_sends n
    where n.account_id = ${s.accountId}::uuid and n.form_id = ${s.request.form}::uuid
      and n.sent_at >= ${fromParam(s)} and n.sent_at <= ${toParam(s)}
      ${memberFilters(s, "n.member_id", "n.group_id")}
  )`;
}

// The six nps_summary fields over `sends`; the score is % promoters − % detractors, 0 when none.
const npsFields = sql`
  count(*)::int as total_sent,
  count(*) filter (where kept)::int as total_received,
  count(*) filter (where kept and score >= 9)::int as total_promoters,
  count(*) filter (where kept and score between 7 and 8)::int as total_passives,
  count(*) filter (where kept and score <= 6)::int as total_detractors,
  coalesce(100.0 * (count(*) filter (where kept and score >= 9) - count(*) filter (where kept and score <= 6))
    / nullif(count(*) filter (where kept), 0), 0)::float8 as nps_score`;

export async function npsSummaryReport(s: Scope) {
  const [row] = await rows<Record<string, number>>(sql`with ${sendsCte(s)} select ${npsFields} from sends`);
  return row!;
}

/** nps_volume: the six fields per bucket, labelled by the bucket's start in UTC. */
export async function npsVolumeReport(s: Scope) {
  const series = await rows<{ date: string; timestamp: number } & Record<string, number>>(sql`
    with ${bucketsCte(s)}, ${sendsCte(s)},
    per_bucket as (select ${bucketOf(s, "sent_at")} as bucket, ${npsFields} from sends group by 1)
    select to_char(b.utc_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"') as date,
           extract(epoch from b.utc_start)::float8 as timestamp,
           coalesce(p.total_sent, 0) as total_sent, coalesce(p.total_received, 0) as total_received,
           coalesce(p.total_promoters, 0) as total_promoters, coalesce(p.total_passives, 0) as total_passives,
           coalesce(p.total_detractors, 0) as total_detractors, coalesce(p.nps_score, 0)::float8 as nps_score
    from buckets b left join per_bucket p on p.bucket = b.local_start order by b.local_start`);
  return series.map(({ date, timestamp, ...data }) => ({ date, timestamp, data }));
}
