import { usageOutcomeEnum } from "@/db/tables/usage";

export const OUTCOMES = usageOutcomeEnum.enumValues;
export type UsageOutcome = (typeof OUTCOMES)[number];

export const outcomeLabels: Record<UsageOutcome, string> = {
  allowed: "Allowed",
  ip_refused: "IP refused",
  rate_limited: "Rate limited",
  wrong_type: "Wrong type",
  invalid: "Revoked / invalid",
  out_of_scope: "Out of scope",
};

export type UsageDay = { day: string } & Record<UsageOutcome, number>;

/** The last `days` UTC days up to and including `today`, with zeros where nothing happened. */
export function usageSeries(rows: Array<{ day: string; outcome: UsageOutcome; count: number }>, today: Date, days = 14): UsageDay[] {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const series: UsageDay[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(end - i * 86_400_000).toISOString().slice(0, 10);
    series.push({ day, allowed: 0, ip_refused: 0, rate_limited: 0, wrong_type: 0, invalid: 0, out_of_scope: 0 });
  }
  const byDay = new Map(series.map((d) => [d.day, d]));
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (entry) entry[row.outcome] += row.count;
  }
  return series;
}

/** The first UTC day (YYYY-MM-DD) of the last `days` days up to and including `today`. */
export function firstDayOf(today: Date, days = 14): string {
  return new Date(today.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
}
