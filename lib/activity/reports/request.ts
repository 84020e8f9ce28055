import { z } from "@/lib/zod";

export const OBJECT_REPORTS = ["summary", "states_volume", "states", "classifications", "response_volume", "user_summary", "user_volume"] as const;
export const CASE_REPORTS = ["case_summary", "case_volume", "case_classifications"] as const;
export const NPS_REPORTS = ["nps_summary", "nps_volume"] as const;
export const REPORT_TYPES = [...OBJECT_REPORTS, ...CASE_REPORTS, ...NPS_REPORTS] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const NPS_CATEGORIES = ["all", "promoters", "passives", "detractors"] as const;

// YYYY-MM-DDTHH:mm[:ss[.fff]] then Z or ±HH:MM: partners' scripts send instants with an offset,
// and the offset decides how buckets are aligned, so a date without one is refused.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** A date-time with its offset: the instant, and the wall clock it was written on. */
export interface Instant {
  ms: number;
  offsetMinutes: number;
  wall: { year: number; month: number; day: number; hour: number; minute: number; second: number; millis: number };
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function parseInstant(text: string): Instant | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const millis = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  const offsetHours = Number(m[10] ?? 0);
  const offsetMins = Number(m[11] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  if (offsetHours > 23 || offsetMins > 59) return null;
  const offsetMinutes = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return { ms, offsetMinutes, wall: { year, month, day, hour, minute, second, millis } };
}

/** The latest allowed end: 12 calendar months on date_from's wall clock, a missing day clamped. */
export function twelveMonthsAfter(from: Instant): number {
  const { year, month, day, hour, minute, second, millis } = from.wall;
  const clamped = Math.min(day, daysIn(year + 1, month));
  return Date.UTC(year + 1, month - 1, clamped, hour, minute, second, millis) - from.offsetMinutes * 60_000;
}

const instant = (field: string) =>
  z
    .string({ error: `${field} is required: an ISO 8601 date-time with an offset, e.g. 2026-04-01T00:00:00+11:00` })
    .regex(INSTANT, `${field} must be an ISO 8601 date-time with an offset (Z or ±HH:MM), e.g. 2026-04-01T00:00:00+11:00`)
    .refine((v) => parseInstant(v) !== null, `${field} is not a real date-time`);

// One id or a list of them; null or absent means no filter.
const ids = (field: string) =>
  z
    .union([z.uuid({ error: `${field} must hold UUID strings` }), z.array(z.uuid({ error: `${field} must hold UUID strings` }), { error: `${field} must be a list of UUID strings` })], {
      error: `${field} must be a list of UUID strings`,
    })
    .nullish()
    // Lower-cased: the same id in either case is one id.
    .transform((v) => (v == null ? [] : typeof v === "string" ? [v] : v).map((x) => x.toLowerCase()));

const common = {
  date_from: instant("date_from"),
  date_to: instant("date_to"),
  users: ids("users"),
  groups: ids("groups"),
};
const plain = (type: (typeof OBJECT_REPORTS | typeof CASE_REPORTS)[number]) => z.object({ type: z.literal(type), ...common });
const nps = (type: (typeof NPS_REPORTS)[number]) =>
  z.object({
    type: z.literal(type),
    ...common,
    form: z.uuid({ error: `form is required for ${type}: the id of a form with nps: true (see GET /api/v1/forms)` }),
    nps_category: z
      .enum(NPS_CATEGORIES, { error: `nps_category must be one of ${NPS_CATEGORIES.join(", ")}` })
      .nullish()
      .transform((v) => v ?? "all"),
  });

/** POST /api/v1/activity/reports: one body shape per report type; unknown keys are ignored. */
export const reportRequestSchema = z.discriminatedUnion(
  "type",
  [...OBJECT_REPORTS.map(plain), ...CASE_REPORTS.map(plain), ...NPS_REPORTS.map(nps)] as [ReturnType<typeof plain>, ...Array<ReturnType<typeof plain> | ReturnType<typeof nps>>],
  { error: `type is required and must be one of ${REPORT_TYPES.join(", ")}` },
);

export interface ReportRequest {
  type: ReportType;
  from: Instant;
  to: Instant;
  users: string[];
  groups: string[];
  form: string | null;
  npsCategory: (typeof NPS_CATEGORIES)[number];
}

/** The body as a report request, or the one problem to report (checks JSON Schema cannot state). */
export function parseReportRequest(body: unknown, now = Date.now()): { ok: true; request: ReportRequest } | { ok: false; message: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, message: "The body must be a JSON object" };
  const parsed = reportRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const data = parsed.data as z.output<ReturnType<typeof nps>> | z.output<ReturnType<typeof plain>>;
  const from = parseInstant(data.date_from)!;
  const to = parseInstant(data.date_to)!;
  if (to.ms <= from.ms) return { ok: false, message: "date_to must be later than date_from" };
  if (from.ms > now) return { ok: false, message: "date_from must not be in the future" };
  if (to.ms > twelveMonthsAfter(from)) return { ok: false, message: "The range from date_from to date_to may span at most 12 calendar months" };
  const npsFields = "form" in data ? { form: data.form, npsCategory: data.nps_category } : { form: null, npsCategory: "all" as const };
  return { ok: true, request: { type: data.type, from, to, users: data.users, groups: data.groups, ...npsFields } };
}
