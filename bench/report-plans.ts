import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { runReport } from "@/lib/activity/reports";

/** A report's request body over the last `days` days (NPS types with `form`). */
export function reportBody(type: string, formId: string | undefined, days = 90, end = new Date()) {
  return {
    type,
    date_from: new Date(end.getTime() - days * 86_400_000).toISOString(),
    date_to: end.toISOString(),
    ...(type.startsWith("nps") ? { form: formId } : {}),
  };
}

/** The account's first NPS form, for the NPS reports. */
export async function npsFormOf(accountId: string): Promise<string | undefined> {
  const rows = (await getDb().execute(sql`select id from forms where account_id = ${accountId} and nps and not archived limit 1`)) as unknown as Array<{ id: string }>;
  return rows[0]?.id;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the statement a report runs last (its main aggregation). */
export async function planOfReport(accountId: string, body: unknown): Promise<string[]> {
  const db = getDb();
  const execute = db.execute.bind(db);
  const statements: SQL[] = [];
  (db as { execute: unknown }).execute = (query: SQL) => {
    statements.push(query);
    return execute(query);
  };
  try {
    const result = await runReport(accountId, body);
    if (!result.ok) throw new Error(result.message);
  } finally {
    (db as { execute: unknown }).execute = execute;
  }
  const plan = (await execute(sql`explain (analyze, buffers) ${statements.at(-1)!}`)) as unknown as Array<Record<string, string>>;
  return plan.map((line) => String(Object.values(line)[0]));
}
