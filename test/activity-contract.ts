// JSON Schemas written by hand from the published Activity API contract (its lists and report
// bodies), not from the code: the conformance test checks the API against what a partner's script expects.
// Unknown keys are tolerated, as the contract tells clients to.

const str = { type: "string" };
const id = { type: "string", format: "uuid" };
const int = { type: "integer", minimum: 0 };
const num = { type: "number", minimum: 0 };
const frac = { type: "number", minimum: 0, maximum: 1 };
const bool = { type: "boolean" };
const utc = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$" };
const states = ["new", "assigned", "in_progress", "awaiting_approval", "responded", "closed", "duplicate", "irrelevant", "redirected", "no_response_required"];
const obj = (properties: Record<string, object>) => ({ type: "object", required: Object.keys(properties), properties });
const arr = (items: object) => ({ type: "array", items });
const label = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$" };
const series = (extra: Record<string, object>) => arr(obj({ ...extra, date_range: obj({ date_from: label }) }));

const times = {
  avg_response_time: num, min_response_time: num, max_response_time: num,
  avg_action_response_time: num, min_action_response_time: num, max_action_response_time: num,
  broke_sla: int, broke_action_sla: int, avg_response_time_min: num, avg_action_response_time_min: num,
};
const nps = {
  total_sent: int, total_received: int, total_promoters: int, total_passives: int, total_detractors: int,
  nps_score: { type: "number", minimum: -100, maximum: 100 },
};
const stateCounts = Object.fromEntries([...states, "all_states", "all_closed_states"].map((k) => [k, int]));
const list = (row: object) => obj({ data: arr(row) });

export const contractSchemas = {
  lists: {
    users: list(obj({
      id, email: str, first_name: str, last_name: str, timezone: str, gmtoffset: { type: "number" }, sign_in_count: int,
      last_sign_in_at: { anyOf: [utc, { type: "null" }] }, archived: bool, groups: arr(id),
    })),
    groups: list(obj({ id, name: str, comment: str })),
    forms: list(obj({
      id, name: str, title: str, archived: bool, created_at: utc, groups: arr(id), nps: bool,
      form_url: { type: "string", pattern: "^https?://" },
    })),
  },
  reports: {
    summary: obj({ total_volume: int, total_responded_to: int, ...times }),
    states_volume: {
      type: "object",
      propertyNames: { enum: states },
      additionalProperties: series({ state: { enum: states }, value: int }),
    },
    states: arr(obj({ state: { enum: states }, volume: { type: "integer", minimum: 1 } })),
    classifications: arr(obj({ classification_id: id, classification: str, state: { enum: [...states, "all_states"] }, volume: { type: "integer", minimum: 1 } })),
    response_volume: obj({ avg_response_time: series({ value: num }) }),
    user_summary: arr(obj({
      user_id: id, first_name: str, last_name: str, mentions_assigned: int, responded_to: int, responded_to_in_private: int,
      total_responded_to: int, ...times, fraction_responded_to: frac, fraction_responded_to_in_private: frac,
      fraction_broke_sla: frac, fraction_broke_action_sla: frac,
    })),
    user_volume: arr(obj({ user_id: id, first_name: str, last_name: str, states: obj(stateCounts) })),
    case_summary: obj({ total_cases: int, first_reply_time: num, resolution_time: num, agent_interactions: num, agents_involved: num }),
    case_volume: obj({ open: series({ value: int }) }),
    case_classifications: arr(obj({ classification_id: id, classification: str, volume: { type: "integer", minimum: 1 } })),
    nps_summary: obj(nps),
    nps_volume: arr(obj({
      date: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00$" },
      timestamp: { type: "integer" },
      data: obj(nps),
    })),
  },
};
