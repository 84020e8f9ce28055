import { and, eq, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { profiles, type ProfileAttributes } from "@/db/schema";

type Db = ReturnType<typeof getDb>;
const containment = (name: string) => sql`${profiles.attributes} @> ${sql.placeholder(name)}::jsonb`;

// Prepared once per database handle: the Profile Read API runs these on every request. Two
// rows at most: enough to tell one match from several.
function prepare(db: Db) {
  const base = () => db.select({ id: profiles.id, attributes: profiles.attributes }).from(profiles);
  return {
    text: base()
      .where(and(eq(profiles.accountId, sql.placeholder("accountId")), containment("text")))
      .limit(2)
      .prepare("hub_profile_by_text"),
    any: base()
      .where(and(eq(profiles.accountId, sql.placeholder("accountId")), or(containment("text"), containment("typed"))))
      .limit(2)
      .prepare("hub_profile_by_value"),
  };
}
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

export type ProfileMatch = { found: "one"; id: number; attributes: ProfileAttributes } | { found: "none" } | { found: "several" };

/**
 * The profile whose `key` equals `value`, through the GIN index on attributes (containment),
 * whatever the attribute. Query strings are text; numbers and booleans are matched too.
 */
export async function findProfileByAttribute(accountId: string, key: string, value: string): Promise<ProfileMatch> {
  const db = getDb();
  let queries = prepared.get(db);
  if (!queries) prepared.set(db, (queries = prepare(db)));
  const typed = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value === "true" || value === "false" ? value === "true" : undefined;
  const text = JSON.stringify({ [key]: value });
  const rows =
    typed === undefined
      ? await queries.text.execute({ accountId, text })
      : await queries.any.execute({ accountId, text, typed: JSON.stringify({ [key]: typed }) });
  if (rows.length > 1) return { found: "several" };
  return rows[0] ? { found: "one", id: rows[0].id, attributes: rows[0].attributes } : { found: "none" };
}
