import { z } from "@/lib/zod";
import { parseInstant } from "./reports/request";

export const METRICS = ["cases_closed", "messages_sent", "average_response_seconds"] as const;
export const GROUP_BY = ["user", "group", "day"] as const;
const MAX_DAYS = 366;

const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A bound of the query: a date is a whole UTC day (from its start; `to` includes it all), a
 * date-time with an offset is that instant (`to` includes it). Null when not a real one.
 */
export function queryBound(value: string, edge: "from" | "to"): number | null {
  if (value.length === 10) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(ms) || !new Date(ms).toISOString().startsWith(value)) return null;
    return edge === "from" ? ms : ms + 86_400_000;
  }
  const instant = parseInstant(value);
  if (!instant) return null;
  return edge === "from" ? instant.ms : instant.ms + 1;
}

const dayOrInstant = (field: "from" | "to") =>
  z
    .string({ error: `${field} is required (YYYY-MM-DD, or an ISO 8601 date-time with an offset)` })
    .regex(DAY_OR_INSTANT, `${field} must be a date as YYYY-MM-DD or an ISO 8601 date-time with an offset, e.g. 2026-11-01T00:00:00+10:00`)
    .refine((v) => queryBound(v, field) !== null, `${field} is not a real date`);

/** POST /api/v1/activity/query: `from` and `to` are whole UTC days or instants, both included. */
export const activityQuerySchema = z
  .object({
    metric: z.enum(METRICS, { error: `metric must be one of ${METRICS.join(", ")}` }),
    from: dayOrInstant("from"),
    to: dayOrInstant("to"),
    group_by: z.enum(GROUP_BY, { error: `group_by must be one of ${GROUP_BY.join(", ")}` }),
  })
  .strict()
  .refine((q) => queryBound(q.from, "from")! < queryBound(q.to, "to")!, { message: "from must not be after to", path: ["from"] })
  .refine((q) => (queryBound(q.to, "to")! - queryBound(q.from, "from")!) / 86_400_000 <= MAX_DAYS, {
    message: `The range may span at most ${MAX_DAYS} days`,
    path: ["to"],
  });

export type ActivityQuery = z.output<typeof activityQuerySchema>;
