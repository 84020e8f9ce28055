import { sql } from "drizzle-orm";
import { CLOSED_STATES, OBJECT_STATES } from "@/db/tables";
import { responseAggregates, rows, slaCte, timedCte, type Scope } from "./sql";

const ratio = (n: string, d: string) => sql.raw(`coalesce(${n}::float8 / nullif(${d}, 0), 0)::float8`);

/** user_summary: per member with counted objects, their response figures and ratios. */
export async function userSummaryReport(s: Scope) {
  return rows<Record<string, string | number>>(sql`
    with ${slaCte(s)}, ${timedCte(s)},
    per_member as (
      select t.member_id, count(*)::int as mentions_assigned,
             count(*) filter (where t.rt is not null and t.responded_privately)::int as responded_to_in_private,
             ${responseAggregates}
      from timed t cross join sla where t.member_id is not null group by t.member_id
    )
    select m.id::text as user_id, m.first_name, m.last_name, a.mentions_assigned,
           a.responded as responded_to, a.responded_to_in_private, a.responded as total_responded_to,
           a.avg_response_time, a.min_response_time, a.max_response_time,
           a.avg_action_response_time, a.min_action_response_time, a.max_action_response_time,
           a.broke_sla, a.broke_action_sla, a.avg_response_time_min, a.avg_action_response_time_min,
           ${ratio("a.responded", "a.mentions_assigned")} as fraction_responded_to,
           ${ratio("a.responded_to_in_private", "a.responded")} as fraction_responded_to_in_private,
           ${ratio("a.broke_sla", "a.responded")} as fraction_broke_sla,
           ${ratio("a.broke_action_sla", "a.responded")} as fraction_broke_action_sla
    from per_member a join team_members m on m.id = a.member_id
    order by m.last_name, m.first_name, m.id`);
}

const quoted = (states: readonly string[]) => states.map((st) => `'${st}'`).join(", ");
// The state names are the schema's constants, never input.
const stateCounts = sql.raw(
  [
    ...OBJECT_STATES.map((st) => `count(*) filter (where t.state = '${st}')::int as "${st}"`),
    `count(*)::int as all_states`,
    `count(*) filter (where t.state in (${quoted(CLOSED_STATES)}))::int as all_closed_states`,
  ].join(",\n"),
);

/** user_volume: per member with counted objects, how many are in each state now. */
export async function userVolumeReport(s: Scope) {
  const found = await rows<Record<string, string | number>>(sql`
    with ${timedCte(s)},
    per_member as (select t.member_id, ${stateCounts} from timed t where t.member_id is not null group by t.member_id)
    select m.id::text as user_id, m.first_name, m.last_name, a.*
    from per_member a join team_members m on m.id = a.member_id
    order by m.last_name, m.first_name, m.id`);
  const keys = [...OBJECT_STATES, "all_states", "all_closed_states"];
  return found.map((r) => ({
    user_id: r.user_id as string,
    first_name: r.first_name as string,
    last_name: r.last_name as string,
    states: Object.fromEntries(keys.map((k) => [k, Number(r[k])])),
  }));
}
