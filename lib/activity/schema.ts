import { z } from "@/lib/zod";

export const METRICS = ["cases_closed", "messages_sent", "average_response_seconds"] as const;
export const GROUP_BY = ["user", "group", "day"] as const;
const MAX_DAYS = 366;

const isoDay = (field: string) =>
  z
    .string({ error: `${field} is required (YYYY-MM-DD)` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date as YYYY-MM-DD`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${field} is not a real date`);

/** POST /api/v1/activity/query: `from` and `to` are whole UTC days, both included. */
export const activityQuerySchema = z
  .object({
    metric: z.enum(METRICS, { error: `metric must be one of ${METRICS.join(", ")}` }),
    from: isoDay("from"),
    to: isoDay("to"),
    group_by: z.enum(GROUP_BY, { error: `group_by must be one of ${GROUP_BY.join(", ")}` }),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: "from must not be after to", path: ["from"] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_DAYS, {
    message: `The range may span at most ${MAX_DAYS} days`,
    path: ["to"],
  });

export type ActivityQuery = z.output<typeof activityQuerySchema>;
