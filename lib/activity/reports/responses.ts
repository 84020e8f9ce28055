import { OBJECT_STATES } from "@/db/tables";
import { z } from "@/lib/zod";
import type { ReportType } from "./request";

// The bodies the reports answer with, as partners' scripts read them (bare, ids as strings,
// zeros rather than nulls); the OpenAPI document is generated from these.
const count = z.int().min(0);
const seconds = z.number().min(0);
const fraction = z.number().min(0).max(1);
const id = z.uuid();
const label = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).describe("bucket start on date_from's wall clock");
const dateRange = z.strictObject({ date_from: label });
const state = z.enum(OBJECT_STATES);

const timing = {
  avg_response_time: seconds,
  min_response_time: seconds,
  max_response_time: seconds,
  avg_action_response_time: seconds,
  min_action_response_time: seconds,
  max_action_response_time: seconds,
  broke_sla: count,
  broke_action_sla: count,
  avg_response_time_min: seconds,
  avg_action_response_time_min: seconds,
};
const member = { user_id: id, first_name: z.string(), last_name: z.string() };
const npsFields = {
  total_sent: count,
  total_received: count,
  total_promoters: count,
  total_passives: count,
  total_detractors: count,
  nps_score: z.number().min(-100).max(100),
};

export const reportResponseSchemas = {
  summary: z.strictObject({ total_volume: count, total_responded_to: count, ...timing }),
  states_volume: z.partialRecord(state, z.array(z.strictObject({ state, value: count, date_range: dateRange }))),
  states: z.array(z.strictObject({ state, volume: count.min(1) })),
  classifications: z.array(
    z.strictObject({ classification_id: id, classification: z.string(), state: z.enum([...OBJECT_STATES, "all_states"]), volume: count.min(1) }),
  ),
  response_volume: z.strictObject({ avg_response_time: z.array(z.strictObject({ value: seconds, date_range: dateRange })) }),
  user_summary: z.array(
    z.strictObject({
      ...member,
      mentions_assigned: count,
      responded_to: count,
      responded_to_in_private: count,
      total_responded_to: count,
      ...timing,
      fraction_responded_to: fraction,
      fraction_responded_to_in_private: fraction,
      fraction_broke_sla: fraction,
      fraction_broke_action_sla: fraction,
    }),
  ),
  user_volume: z.array(
    z.strictObject({
      ...member,
      states: z.strictObject(Object.fromEntries([...OBJECT_STATES, "all_states", "all_closed_states"].map((k) => [k, count])) as Record<string, typeof count>),
    }),
  ),
  case_summary: z.strictObject({ total_cases: count, first_reply_time: seconds, resolution_time: seconds, agent_interactions: z.number().min(0), agents_involved: z.number().min(0) }),
  case_volume: z.strictObject({ open: z.array(z.strictObject({ value: count, date_range: dateRange })) }),
  case_classifications: z.array(z.strictObject({ classification_id: id, classification: z.string(), volume: count.min(1) })),
  nps_summary: z.strictObject(npsFields),
  nps_volume: z.array(
    z.strictObject({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/).describe("bucket start in UTC"),
      timestamp: z.int().describe("bucket start in Unix seconds"),
      data: z.strictObject(npsFields),
    }),
  ),
} satisfies Record<ReportType, z.ZodType>;
